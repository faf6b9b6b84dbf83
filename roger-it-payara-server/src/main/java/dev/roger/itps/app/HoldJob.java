package dev.roger.itps.app;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Runs until the test opens the gate named by its args: keeps its queue key held meanwhile. */
@MessageDriven
@RogerJob(type = "ps-hold")
public class HoldJob implements RogerJobListener {

    @Inject
    Seen seen;

    @Override
    public void onJob(Job job) {
        seen.ran(this, job);
        try {
            seen.awaitGate(job.args(String.class));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
