package dev.roger.it.longjobs;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.file.Path;

/** Records its run and sleeps as its {@link Work} says: long jobs and short ones share its queue (3 workers). */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions",
        propertyValue = "longjobs[default=3]"))
@RogerJob(type = "long-jobs-work")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LongWorkBean implements RogerJobListener {

    @Override
    public void onJob(Job job) throws Exception {
        Work work = job.args(Work.class);
        Runs runs = new Runs(Path.of(work.dir()));
        boolean again = !runs.of(job.id()).isEmpty();
        String run = runs.started(job.id());
        try {
            Thread.sleep(again ? work.rerunMillis() : work.millis());
        } finally {
            runs.stopped(job.id(), run);
        }
    }
}
