package dev.roger.demo.jobs;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;

/** Pretends to push a customer record to a CRM; the third job type. */
@MessageDriven
@RogerJob(type = "sync-crm")
public class SyncCrmJob implements RogerJobListener {

    @Override
    public void onJob(Job job) throws Exception {
        job.args(Work.class).perform(job.id());
    }
}
