package dev.roger.it.console;

import dev.roger.api.Job;
import dev.roger.api.NonRetryableException;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** The jobs of {@link MetricsIT} and {@link HealthIT}: each does what its {@link MetricsWork} says. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "mt_boot[default=1]"))
@RogerJob(type = "mt-work")
public class MetricsJobBean implements RogerJobListener {

    @Override
    public void onJob(Job job) throws Exception {
        switch (job.args(MetricsWork.class).mode()) {
            case "ok" -> {
            }
            case "fail-once" -> {
                if (job.retryCount() == 0) {
                    throw new IllegalStateException("first attempt fails");
                }
            }
            case "bury" -> throw new NonRetryableException("asked to fail");
            case "hold" -> Thread.sleep(120_000);
            default -> throw new IllegalArgumentException(job.argsJson());
        }
    }
}
