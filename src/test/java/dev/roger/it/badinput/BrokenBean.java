package dev.roger.it.badinput;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.MessageDriven;

/** A bean that cannot even be created. */
@MessageDriven
@RogerJob(type = "broken-job")
public class BrokenBean implements RogerJobListener {

    @PostConstruct
    void init() {
        throw new IllegalStateException("BrokenBean cannot start");
    }

    @Override
    public void onJob(Job job) {
        throw new AssertionError("never reached");
    }
}
