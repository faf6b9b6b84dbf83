package dev.roger.it.retry;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Retryable, one level of 1 s. Does what its job's {@link Plan} says. */
@MessageDriven
@RogerJob(type = "rt-retryable", retryable = true, retryLevels = "1")
public class RetryableBean implements RogerJobListener {

    @Inject
    Trace trace;

    @Override
    public void onJob(Job job) throws Exception {
        trace.perform(job);
    }
}
