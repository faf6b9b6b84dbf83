package dev.roger.it.invalid;

import dev.roger.api.Job;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** A bean whose activation config must fail its deployment. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "inv_conflict[default=5]"))
public class ConflictFiveBean implements RogerJobListener {

    @Override
    public void onJob(Job job) {
        throw new AssertionError("must never run");
    }
}
