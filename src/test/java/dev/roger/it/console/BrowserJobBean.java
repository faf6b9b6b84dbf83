package dev.roger.it.console;

import dev.roger.api.Job;
import dev.roger.api.NonRetryableException;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The job application behind {@link ConsoleBrowserIT}: a job sleeps for its time (interruptibly, so
 * a cancel ends it), fails and is buried while a marker file exists, and records that it ran by
 * writing a file named after its id, which the test reads. The test starts its partitions at runtime.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "cb_boot[default=1]"))
@RogerJob(type = "cb-work")
public class BrowserJobBean implements RogerJobListener {

    @Override
    public void onJob(Job job) throws Exception {
        BrowserWork work = job.args(BrowserWork.class);
        if (work.failWhileExists() != null && Files.exists(Path.of(work.failWhileExists()))) {
            throw new NonRetryableException("asked to fail while " + work.failWhileExists() + " exists");
        }
        Thread.sleep(work.millis());
        if (work.doneDir() != null) {
            Files.writeString(Path.of(work.doneDir()).resolve(job.id()), "ran");
        }
    }
}
