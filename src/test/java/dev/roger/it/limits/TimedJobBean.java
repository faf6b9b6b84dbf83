package dev.roger.it.limits;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Takes the number of milliseconds its args say, and writes itself into the timeline. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions",
        propertyValue = "flood[default=100]; calm[default=2]; wide[q1=1,q2=1,q3=1,q4=1]"))
@RogerJob(type = "timed")
public class TimedJobBean implements RogerJobListener {

    @Inject
    Timeline timeline;

    @Override
    public void onJob(Job job) throws InterruptedException {
        timeline.started(job.partition().orElseThrow(),
                java.time.Duration.between(job.queuedAt().orElseThrow(), java.time.Instant.now()).toMillis());
        try {
            Thread.sleep(job.args(Long.class));
        } finally {
            timeline.finished();
        }
    }
}
