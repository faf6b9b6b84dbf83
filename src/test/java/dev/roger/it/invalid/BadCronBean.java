package dev.roger.it.invalid;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** A bean whose cron expression must fail its deployment. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "inv_cron[default=1]"))
@RogerJob(type = "inv-cron", cron = "every five minutes")
public class BadCronBean implements RogerJobListener {

    @Override
    public void onJob(Job job) {
        throw new AssertionError("must never run");
    }
}
