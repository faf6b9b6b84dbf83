package dev.roger.it.coordination;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/**
 * Marks its start and stop in the {@link Coord} timeline, sleeps or waits for a gate as its
 * {@link Work} says, notes an interrupt, and fails when told to. The boot partition keeps the node
 * off the shared default partition; the tests start their own partitions at runtime.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "co_boot[default=1]"))
@RogerJob(type = "co-work")
public class WorkBean implements RogerJobListener {

    @Inject
    Coord coord;

    @Override
    public void onJob(Job job) throws Exception {
        Work work = job.args(Work.class);
        coord.started(job);
        try {
            if (work.gate() != null) {
                coord.await(work.gate());
            } else if (work.millis() > 0) {
                Thread.sleep(work.millis());
            }
        } catch (InterruptedException e) {
            coord.interrupted(job);
            throw e;
        } finally {
            coord.stopped(job);
        }
        if (work.fail()) {
            throw new IllegalStateException("fails on purpose: " + job.id());
        }
    }
}
