package dev.roger.it.partitions;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Records the partition and queue of every job it runs. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "boot_p[default=1]"))
@RogerJob(type = "part-job")
public class PartJobBean implements RogerJobListener {

    @Inject
    Seen seen;

    @Override
    public void onJob(Job job) {
        seen.add(job.id(), job.partition().orElseThrow() + "-" + job.queue().orElseThrow());
    }
}
