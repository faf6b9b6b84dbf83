package dev.roger.it.delivery;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** POJO args. */
@MessageDriven
@RogerJob(type = "pojo-job")
public class PojoJobBean implements RogerJobListener {

    @Inject
    Collector collector;

    @Override
    public void onJob(Job job) {
        collector.ran("PojoJobBean", job, job.args(Order.class));
    }
}
