package dev.roger.wildfly.app;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Always fails: retried after 1 s twice (three attempts), then buried. */
@MessageDriven
@RogerJob(type = "wf-failing", retryable = true, retryLevels = "1,1")
public class FailingJob implements RogerJobListener {

    @Inject
    Collector collector;

    @Override
    public void onJob(Job job) {
        collector.ran(job);
        throw new IllegalStateException("wf-failing fails on purpose: " + job.id());
    }
}
