package dev.roger.it.delivery;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Always fails. */
@MessageDriven
@RogerJob(type = "failing-job")
public class FailingJobBean implements RogerJobListener {

    @Inject
    Collector collector;

    @Override
    public void onJob(Job job) {
        collector.ran("FailingJobBean", job, null);
        throw new IllegalStateException("boom " + job.id());
    }
}
