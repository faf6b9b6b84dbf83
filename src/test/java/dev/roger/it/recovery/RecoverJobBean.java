package dev.roger.it.recovery;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Records that it ran. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "recov[default=2]"))
@RogerJob(type = "recover-job")
public class RecoverJobBean implements RogerJobListener {

    @Inject
    RecoveryServlet.Ran ran;

    @Override
    public void onJob(Job job) {
        ran.ids.add(job.id());
    }
}
