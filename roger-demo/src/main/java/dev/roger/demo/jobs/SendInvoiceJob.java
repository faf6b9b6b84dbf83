package dev.roger.demo.jobs;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;

/** Pretends to send an invoice mail; a second job type so the demo shows routing by type. */
@MessageDriven
@RogerJob(type = "send-invoice")
public class SendInvoiceJob implements RogerJobListener {

    @Override
    public void onJob(Job job) throws Exception {
        job.args(Work.class).perform(job.id());
    }
}
