package dev.roger.it.delivery;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** A type whose jobs go to the queue 'other' by default. */
@MessageDriven
@RogerJob(type = "other-job", queue = "other")
public class OtherQueueJobBean implements RogerJobListener {

    @Inject
    Collector collector;

    @Override
    public void onJob(Job job) {
        collector.ran("OtherQueueJobBean", job, job.args(String.class));
    }
}
