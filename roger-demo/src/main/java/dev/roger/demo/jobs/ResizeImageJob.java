package dev.roger.demo.jobs;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * Pretends to resize an image. Also declares the application's partitions: the node consumes
 * what any of its beans declares, and each bean runs the jobs of its type from every partition
 * consumed, so one declaration serves the whole application.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions",
        propertyValue = DemoPartitions.SPEC))
@RogerJob(type = "resize-image")
public class ResizeImageJob implements RogerJobListener {

    @Override
    public void onJob(Job job) throws Exception {
        job.args(Work.class).perform(job.id());
    }
}
