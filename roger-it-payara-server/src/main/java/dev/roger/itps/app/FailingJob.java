package dev.roger.itps.app;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Always fails: retried twice after a second each, then buried. */
@MessageDriven
@RogerJob(type = "ps-failing", retryable = true, retryLevels = "1,1")
public class FailingJob implements RogerJobListener {

    @Inject
    Seen seen;

    @Override
    public void onJob(Job job) {
        seen.ran(this, job);
        throw new IllegalStateException("ps-failing fails on purpose: " + job.id());
    }
}
