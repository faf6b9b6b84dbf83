package dev.roger.itps.app;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/**
 * Runs until the test opens the gate named by its args, or until it is cancelled (interrupted):
 * keeps its queue key held meanwhile.
 */
@MessageDriven
@RogerJob(type = "ps-hold")
public class HoldJob implements RogerJobListener {

    @Inject
    Seen seen;

    @Override
    public void onJob(Job job) {
        seen.ran(this, job);
        try {
            seen.hold(job);
        } catch (InterruptedException e) {
            // Cancelled: Roger interrupted this thread and records the outcome itself.
            Thread.currentThread().interrupt();
        }
    }
}
