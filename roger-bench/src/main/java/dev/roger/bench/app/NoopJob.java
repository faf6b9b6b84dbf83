package dev.roger.bench.app;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * A job that does nothing but record when it started, so whatever the benchmark measures with it
 * is Roger's own cost per job. Also declares the application's one fixed partition (see
 * {@link BenchJobs#DECLARED_PARTITIONS}).
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions",
        propertyValue = BenchJobs.DECLARED_PARTITIONS))
@RogerJob(type = BenchJobs.NOOP)
// Without a JTA transaction per job, as docs/performance.md advises for beans that need none.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NoopJob implements RogerJobListener {

    @Inject
    JobProbe probe;

    @Override
    public void onJob(Job job) {
        probe.started(job);
        probe.ended();
    }
}
