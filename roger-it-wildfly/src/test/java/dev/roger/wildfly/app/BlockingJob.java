package dev.roger.wildfly.app;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

/**
 * Runs until the gate named by its argument opens (at most 30 s) or its thread is interrupted
 * (cancelled); counts how many jobs of the same gate run at once.
 */
@MessageDriven
@RogerJob(type = "wf-block")
public class BlockingJob implements RogerJobListener {

    @Inject
    Collector collector;

    @Override
    public void onJob(Job job) {
        String gate = job.args(String.class);
        collector.ran(job);
        collector.started(gate);
        try {
            collector.gate(gate).await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // Cancelled: Roger interrupted this thread and records the outcome itself.
            Thread.currentThread().interrupt();
        } finally {
            collector.finished(gate);
        }
    }
}
