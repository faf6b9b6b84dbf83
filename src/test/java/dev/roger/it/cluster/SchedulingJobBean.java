package dev.roger.it.cluster;

import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * {@link SchedulingIT}'s job (see {@link RecordingJobBean}). Its boot partition is its own; the
 * test starts its partition at runtime.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "sc_boot[default=1]"))
@RogerJob(type = "sc-work")
public class SchedulingJobBean extends RecordingJobBean implements RogerJobListener {
}
