package dev.roger.it.badinput;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** The one healthy job type of the bad-input application. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "bad[default=2]"))
@RogerJob(type = "known-job")
public class KnownJobBean implements RogerJobListener {

    @Inject
    Ran ran;

    @Override
    public void onJob(Job job) {
        ran.add(job.id());
    }
}
