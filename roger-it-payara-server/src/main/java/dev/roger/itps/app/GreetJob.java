package dev.roger.itps.app;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/**
 * A plain job bean as users write it: no activation config, so it runs in the adapter's default
 * partition (set per test run), and a job type that is not the class name, so that a run under
 * the wrong type (the adapter not seeing this annotation) shows.
 */
@MessageDriven
@RogerJob(type = "ps-greet")
public class GreetJob implements RogerJobListener {

    @Inject
    Seen seen;

    @Override
    public void onJob(Job job) {
        seen.ran(this, job);
    }
}
