package dev.roger.it.cluster;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import javax.sql.DataSource;

/**
 * Writes a start row and a stop row into the test's table around an interruptible sleep (see
 * {@link RunRecorder}); a job whose start is already in the table (a second run) sleeps
 * {@link FailuresWork#againMillis()} instead. The boot partition keeps the node off the shared
 * default partition; the test starts its partitions at runtime. No transaction: each row is
 * committed at once, so the test sees a job start while it runs, and the start of a run whose
 * node was killed stays.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "fl_boot[default=1]"))
@RogerJob(type = "fl-work")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FailuresJobBean implements RogerJobListener {

    @Resource(lookup = "java:app/jdbc/roger")
    DataSource dataSource;

    @Override
    public void onJob(Job job) throws Exception {
        FailuresWork work = job.args(FailuresWork.class);
        RunRecorder recorder = new RunRecorder(dataSource, work.table());
        recorder.run(job.id(), recorder.startedBefore(job.id()) ? work.againMillis() : work.millis());
    }
}
