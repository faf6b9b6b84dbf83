package dev.roger.it.cluster;

import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * {@link ClusterIT}'s job (see {@link RecordingJobBean}). The boot partition keeps the node off the
 * shared default partition; the test starts its partitions at runtime.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "cl_boot[default=1]"))
@RogerJob(type = "cl-work")
public class ClusterJobBean extends RecordingJobBean implements RogerJobListener {
}
