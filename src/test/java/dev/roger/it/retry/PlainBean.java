package dev.roger.it.retry;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/**
 * No failure settings in its annotation (not retryable, no time limit). Does what its job's
 * {@link Plan} says. Its boot partition keeps the node off the shared default partition; the tests
 * start their own partitions at runtime.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions",
        propertyValue = "rt_boot[default=1]"))
@RogerJob(type = "rt-plain")
public class PlainBean implements RogerJobListener {

    @Inject
    Trace trace;

    @Override
    public void onJob(Job job) throws Exception {
        trace.perform(job);
    }
}
