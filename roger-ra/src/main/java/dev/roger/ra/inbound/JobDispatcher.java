package dev.roger.ra.inbound;

import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Hands deliveries to the container's WorkManager as {@link JobWork}, so jobs never run on the
 * AMQP client's threads. With a node-wide cap ({@code maxConcurrentJobs}), at most that many jobs
 * run at once and the rest wait here, per partition; a free slot goes to the next partition in
 * turn that has work, so one tenant's backlog cannot make another wait behind all of it (a plain
 * FIFO in front of the WorkManager would). Waiting deliveries stay unacked and count against
 * their queue's prefetch, which bounds how many can wait.
 */
public final class JobDispatcher {

    private static final System.Logger LOG = System.getLogger(JobDispatcher.class.getName());

    private final WorkManager workManager;
    private final JobRunner runner;
    private final Settler settler;
    private final int cap;
    private final FairQueue<Delivery> waiting = new FairQueue<>();
    private int running;

    /**
     * @param cap the most jobs running at once; 0 for no cap (each queue's prefetch still bounds it)
     */
    public JobDispatcher(WorkManager workManager, JobRunner runner, Settler settler, int cap) {
        this.workManager = workManager;
        this.runner = runner;
        this.settler = settler;
        this.cap = cap;
    }

    void dispatch(Delivery delivery) {
        settler.track(delivery);
        if (cap <= 0) {
            submit(delivery, false);
            return;
        }
        synchronized (this) {
            waiting.add(delivery.partition(), delivery);
        }
        drain();
    }

    /** Starts waiting deliveries, one partition per turn, while there are free slots. */
    private void drain() {
        while (true) {
            Delivery next;
            synchronized (this) {
                if (running >= cap || waiting.size() == 0) {
                    return;
                }
                next = waiting.next();
                running++;
            }
            submit(next, true);
        }
    }

    private void finished() {
        synchronized (this) {
            running--;
        }
        drain();
    }

    private void submit(Delivery delivery, boolean counted) {
        try {
            workManager.scheduleWork(new JobWork(delivery, runner, counted ? this::finished : null));
        } catch (WorkException | RuntimeException | Error e) {
            LOG.log(Level.WARNING, "The WorkManager refused job {0} from {1}-{2} ({3}); it goes back to its queue",
                    delivery.messageId(), delivery.partition(), delivery.queue(), e.getMessage());
            settler.putBack(delivery, Duration.ofSeconds(1), "the WorkManager refused it");
            if (counted) {
                finished();
            }
        }
    }
}
