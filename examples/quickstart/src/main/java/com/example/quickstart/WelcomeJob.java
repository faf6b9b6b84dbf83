package com.example.quickstart;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.lang.System.Logger.Level;

/** The job: greets someone. Runs on this node's workers for partition "quickstart", queue "default". */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions",
        propertyValue = "quickstart[default=5]"))
@RogerJob(type = "welcome")
public class WelcomeJob implements RogerJobListener {

    private static final System.Logger LOG = System.getLogger(WelcomeJob.class.getName());

    /** The job's arguments. */
    public record Welcome(String name) {
    }

    @Override
    public void onJob(Job job) {
        Welcome welcome = job.args(Welcome.class);
        LOG.log(Level.INFO, "Job {0}: Hello, {1}!", job.id(), welcome.name());
    }
}
