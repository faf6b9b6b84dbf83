package dev.roger.it.cluster;

import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * {@link OutboxIT}'s job (see {@link RecordingJobBean}). Its boot partition is its own; the test
 * starts its partitions at runtime.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "ob_boot[default=1]"))
@RogerJob(type = "ob-work")
public class OutboxJobBean extends RecordingJobBean implements RogerJobListener {
}
