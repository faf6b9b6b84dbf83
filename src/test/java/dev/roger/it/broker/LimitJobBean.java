package dev.roger.it.broker;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Records that it ran; the delivery-limit test's job must never get here. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "dl_boot[default=1]"))
@RogerJob(type = "dl-job")
public class LimitJobBean implements RogerJobListener {

    @Inject
    LimitRuns runs;

    @Override
    public void onJob(Job job) {
        runs.record(job.id());
    }
}
