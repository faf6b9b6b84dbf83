package dev.roger.it.cluster;

import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * {@link NamedClustersIT}'s job (see {@link RecordingJobBean}). Its own boot partition keeps the
 * default-cluster node off the shared default partition and off the other tests' boot partitions;
 * the test starts its partition at runtime.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "cn_boot[default=1]"))
@RogerJob(type = "cn-work")
public class NamedClusterJobBean extends RecordingJobBean implements RogerJobListener {
}
