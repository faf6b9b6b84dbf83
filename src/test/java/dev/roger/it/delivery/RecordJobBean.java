package dev.roger.it.delivery;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Record args; declares the partitions of this test application. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions",
        propertyValue = "deliv[default=10,other=5]; conc[default=4]; iso_a[default=1]; iso_b[default=1]"))
@RogerJob(type = "record-job")
public class RecordJobBean implements RogerJobListener {

    @Inject
    Collector collector;

    @Override
    public void onJob(Job job) {
        collector.ran("RecordJobBean", job, job.args(Greeting.class));
    }
}
