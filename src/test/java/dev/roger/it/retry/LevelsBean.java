package dev.roger.it.retry;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Retryable, three 1 s levels. Does what its job's {@link Plan} says. */
@MessageDriven
@RogerJob(type = "rt-levels", retryable = true, retryLevels = "1,1,1")
public class LevelsBean implements RogerJobListener {

    @Inject
    Trace trace;

    @Override
    public void onJob(Job job) throws Exception {
        trace.perform(job);
    }
}
