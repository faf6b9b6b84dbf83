package dev.roger.it.portability;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Counts its runs; its boot partition keeps the node off the shared default partition. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions",
        propertyValue = "wfdesc_boot[default=2]"))
@RogerJob(type = "wfdesc-job")
public class PortableJobBean implements RogerJobListener {

    @Inject
    Seen seen;

    @Override
    public void onJob(Job job) {
        seen.ran(job.id());
    }
}
