package dev.roger.it.fuzz;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** The healthy job type; one worker, so a single held delivery would stop the queue. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "fuzz[default=1]"))
@RogerJob(type = "fuzz-job")
public class FuzzJobBean implements RogerJobListener {

    @Inject
    FuzzRuns runs;

    @Override
    public void onJob(Job job) {
        runs.add(job.id());
    }
}
