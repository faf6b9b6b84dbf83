package dev.roger.it.tls;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes its job's id to the file its args name: the test's proof that the job ran. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "tls[default=1]"))
@RogerJob(type = "tls-job")
public class TlsJobBean implements RogerJobListener {

    @Override
    public void onJob(Job job) throws Exception {
        Files.writeString(Path.of(job.args(String.class)), job.id());
    }
}
