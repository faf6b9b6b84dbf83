package dev.roger.it.retry;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Retryable, one level of 0 s: one immediate retry. Does what its job's {@link Plan} says. */
@MessageDriven
@RogerJob(type = "rt-zero", retryable = true, retryLevels = "0")
public class ZeroLevelBean implements RogerJobListener {

    @Inject
    Trace trace;

    @Override
    public void onJob(Job job) throws Exception {
        trace.perform(job);
    }
}
