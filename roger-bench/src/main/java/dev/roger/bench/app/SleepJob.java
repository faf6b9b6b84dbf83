package dev.roger.bench.app;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * A job that sleeps for the milliseconds given as its arguments: it holds a worker without using
 * the CPU, which is what the fairness case (a backlog of 5 ms jobs) and the concurrency check
 * (do all workers really run at once?) need.
 */
@MessageDriven
@RogerJob(type = BenchJobs.SLEEP)
// Without a JTA transaction per job, as docs/performance.md advises for beans that need none.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SleepJob implements RogerJobListener {

    @Inject
    JobProbe probe;

    @Override
    public void onJob(Job job) throws InterruptedException {
        probe.started(job);
        try {
            // The arguments are a bare JSON number: parsing it directly keeps JSON-B out of the measurement.
            Thread.sleep(Long.parseLong(job.argsJson().strip()));
        } finally {
            probe.ended();
        }
    }
}
