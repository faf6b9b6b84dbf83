package dev.roger.it.nodes;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.nio.file.Files;
import java.nio.file.Path;

/** Marks that it started (a file named by its args), then takes a minute. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "death[default=1]"))
@RogerJob(type = "sleepy")
public class SleepyBean implements RogerJobListener {

    @Override
    public void onJob(Job job) throws Exception {
        Files.writeString(Path.of(job.args(String.class)), job.id());
        Thread.sleep(60_000);
    }
}
