package dev.roger.it.console;

import dev.roger.api.Job;
import dev.roger.api.NonRetryableException;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * The small job application next to the console in {@link ConsoleIT}: something for Info to show and
 * jobs to bury. The test starts its partitions at runtime; the declared one only makes the bean
 * consume nothing else.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "cn_boot[default=1]"))
@RogerJob(type = "cn-work")
public class ConsoleJobBean implements RogerJobListener {

    @Override
    public void onJob(Job job) throws Exception {
        if (job.args(ConsoleWork.class).fail()) {
            throw new NonRetryableException("asked to fail");
        }
    }
}
