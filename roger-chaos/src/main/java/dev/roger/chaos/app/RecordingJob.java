package dev.roger.chaos.app;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The chaos suite's job: works for the given time, then records one row for this execution (job
 * id, node, start, end). A row therefore means the job ran to its end; an execution cut short by
 * a killed node leaves none. No transaction, so the row is committed when the insert returns,
 * before Roger acknowledges the job: a node dying between the two makes a duplicate, never a
 * lost record.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions",
        propertyValue = ChaosJobs.DECLARED_PARTITIONS))
@RogerJob(type = ChaosJobs.TYPE)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecordingJob implements RogerJobListener {

    @Inject
    ExecutionLog log;

    @Override
    public void onJob(Job job) throws Exception {
        Instant start = Instant.now();
        Thread.sleep(job.args(ChaosWork.class).millis());
        log.record(job.id(), start, Instant.now());
    }
}
