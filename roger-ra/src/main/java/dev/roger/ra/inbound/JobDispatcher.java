package dev.roger.ra.inbound;

import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.lang.System.Logger.Level;

/**
 * Hands each delivery to the container's WorkManager as a {@link JobWork}, so jobs never run on
 * the AMQP client's threads. A delivery the WorkManager refuses goes back to its queue.
 */
public final class JobDispatcher {

    private static final System.Logger LOG = System.getLogger(JobDispatcher.class.getName());

    private final WorkManager workManager;
    private final JobRunner runner;
    private final DelayedRequeue requeue;

    public JobDispatcher(WorkManager workManager, JobRunner runner, DelayedRequeue requeue) {
        this.workManager = workManager;
        this.runner = runner;
        this.requeue = requeue;
    }

    void dispatch(Delivery delivery) {
        try {
            workManager.scheduleWork(new JobWork(delivery, runner));
        } catch (WorkException | RuntimeException e) {
            LOG.log(Level.WARNING, "The WorkManager refused job {0} from {1}-{2} ({3}); it goes back to its queue",
                    delivery.messageId(), delivery.partition(), delivery.queue(), e.getMessage());
            requeue.requeue(delivery);
        }
    }
}
