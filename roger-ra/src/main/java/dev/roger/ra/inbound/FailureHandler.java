package dev.roger.ra.inbound;

import dev.roger.api.Job;
import dev.roger.api.NonRetryable;
import dev.roger.api.event.JobBuried;
import dev.roger.api.event.JobError;
import dev.roger.client.wire.JobCodec;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides what a failed attempt leads to: the next attempt of a retryable job, or the buried
 * queue when it is not retryable, failed with a {@link NonRetryable} error, or has used up its
 * retry levels. The {@link Settler} stores the copy and acks; if the copy cannot be stored the
 * delivery goes back to its queue and nothing is lost. Events fire after the ack, so an observer
 * that throws cannot change the outcome.
 */
public final class FailureHandler {

    private static final System.Logger LOG = System.getLogger(FailureHandler.class.getName());

    private final Settler settler;
    private final Coordination coordination;
    private final ApplicationEvents events;
    private final RetrySchedule defaultLevels;

    public FailureHandler(Settler settler, Coordination coordination, ApplicationEvents events,
                          RetrySchedule defaultLevels) {
        this.settler = settler;
        this.coordination = coordination;
        this.events = events;
        this.defaultLevels = defaultLevels;
    }

    /** A run of {@code running}'s job failed with {@code error}. */
    void failed(RunningJob running, ActivationConfig.FailurePolicy policy, Throwable error) {
        Delivery delivery = running.delivery();
        Job job = running.job();
        String partition = running.partition();
        int attempt = job.retryCount();
        boolean retryable = (job.retryable() || policy.retryable()) && !nonRetryable(error);
        RetrySchedule levels = policy.retryLevels() != null ? policy.retryLevels() : defaultLevels;
        Optional<Duration> delay = retryable ? levels.delayAfter(attempt + 1) : Optional.empty();
        String reason = "job failed: " + error;
        if (delay.isPresent()) {
            LOG.log(Level.WARNING, "Job {0} of type {1} in partition {2} failed (attempt {3}); retry in {4} s: {5}",
                    job.id(), job.type(), partition, attempt, delay.get().toSeconds(), String.valueOf(error));
            // The job is not done: it keeps its queue key through the backoff, but not its
            // execution key, which would block the other jobs of that key meanwhile.
            if (settler.retry(delivery, job.toBuilder().retryCount(attempt + 1).startedAt(null).build(), delay.get(),
                    reason, error, () -> coordination.releaseExecutionKey(partition, job))) {
                events.fire(running.beanClass(), new JobError(partition, job, error, attempt, true, false));
            }
            return;
        }
        LOG.log(Level.WARNING, "Job {0} of type {1} in partition {2} failed (attempt {3}) and is buried{4}: {5}",
                job.id(), job.type(), partition, attempt, retryable ? " (no retries left)"
                        : nonRetryable(error) ? " (non-retryable error)" : "", String.valueOf(error));
        boolean buried = store(delivery, JobCodec.encode(job.toBuilder().retryCount(attempt + 1).build()), job,
                reason, error, attempt + 1);
        events.fire(running.beanClass(), new JobError(partition, job, error, attempt, !buried, buried));
        if (buried) {
            events.fire(running.beanClass(), new JobBuried(partition, job, error));
        }
    }

    /**
     * Buries then acks, releasing the job's keys; if the buried copy is not confirmed, the
     * delivery goes back to its queue instead (nothing is lost).
     *
     * @param job null when the message could not be decoded
     */
    boolean bury(Delivery delivery, byte[] body, Job job, String reason, Throwable error, int attempts) {
        // Only deliveries that never ran come here (bad input, Roger's own errors); no event tells of them.
        boolean buried = store(delivery, body, job, reason, error, attempts);
        if (buried) {
            events.buriedUnrun(delivery.partition(), delivery.queue());
        }
        return buried;
    }

    private boolean store(Delivery delivery, byte[] body, Job job, String reason, Throwable error, int attempts) {
        return settler.bury(delivery, body, reason, error, attempts,
                job == null ? null : () -> coordination.release(delivery.partition(), job));
    }

    static boolean nonRetryable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NonRetryable) {
                return true;
            }
        }
        return false;
    }
}
