package dev.roger.it.cluster;

import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** {@link AdminIT}'s job (see {@link RecordingJobBean}); the test starts its partitions at runtime. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "ad_boot[default=1]"))
@RogerJob(type = "ad-work")
public class AdminJobBean extends RecordingJobBean implements RogerJobListener {
}
