package dev.roger.it.retry;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Its type may run at most 1 s; not retryable. Does what its job's {@link Plan} says. */
@MessageDriven
@RogerJob(type = "rt-timed", maxExecutionSeconds = 1)
public class TimedBean implements RogerJobListener {

    @Inject
    Trace trace;

    @Override
    public void onJob(Job job) throws Exception {
        trace.perform(job);
    }
}
