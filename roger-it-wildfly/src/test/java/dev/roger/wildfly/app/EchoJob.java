package dev.roger.wildfly.app;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/**
 * Records its run. Its {@code partitions} activation property (the test partition, unique per
 * run) comes from the test's generated ejb-jar.xml.
 */
@MessageDriven
@RogerJob(type = "wf-echo")
public class EchoJob implements RogerJobListener {

    @Inject
    Collector collector;

    @Override
    public void onJob(Job job) {
        collector.ran(job);
    }
}
