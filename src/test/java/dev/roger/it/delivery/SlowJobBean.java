package dev.roger.it.delivery;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Sleeps, or waits for a gate, while counting how many run at once per partition queue. */
@MessageDriven
@RogerJob(type = "slow-job")
public class SlowJobBean implements RogerJobListener {

    /** How long to run, or which gate to wait for. */
    public record Work(long millis, String gate) {
    }

    @Inject
    Collector collector;

    @Override
    public void onJob(Job job) throws InterruptedException {
        Work work = job.args(Work.class);
        String key = job.partition().orElse("?") + "-" + job.queue().orElse("?");
        collector.started(key);
        try {
            if (work.gate() != null) {
                collector.await(work.gate());
            } else {
                Thread.sleep(work.millis());
            }
        } finally {
            collector.finished(key);
            collector.ran("SlowJobBean", job, work);
        }
    }
}
