package dev.roger.ra.inbound;

import dev.roger.api.Job;
import dev.roger.api.NonRetryable;
import dev.roger.api.event.JobBuried;
import dev.roger.api.event.JobError;
import dev.roger.client.wire.JobCodec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Records a failed attempt: schedules the next attempt of a retryable job, or buries the job when
 * it is not retryable, failed with a {@link NonRetryable} error, or has used up its retry levels.
 * The copy (retry or buried) is confirmed before the delivery is acked; if it cannot be, the
 * delivery goes back to its queue and nothing is lost. Events fire after the ack, so an observer
 * that throws cannot change the outcome.
 */
public final class FailureHandler {

    private static final System.Logger LOG = System.getLogger(FailureHandler.class.getName());

    private final Burier burier;
    private final Retrier retrier;
    private final Coordination coordination;
    private final ApplicationEvents events;
    private final DelayedRequeue requeue;
    private final RetrySchedule defaultLevels;

    public FailureHandler(Burier burier, Retrier retrier, Coordination coordination, ApplicationEvents events,
                   DelayedRequeue requeue, RetrySchedule defaultLevels) {
        this.burier = burier;
        this.retrier = retrier;
        this.coordination = coordination;
        this.events = events;
        this.requeue = requeue;
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
            if (retry(delivery, job, delay.get(), reason, error)) {
                events.fire(running.beanClass(), new JobError(partition, job, error, attempt, true, false));
            }
            return;
        }
        LOG.log(Level.WARNING, "Job {0} of type {1} in partition {2} failed (attempt {3}) and is buried{4}: {5}",
                job.id(), job.type(), partition, attempt, retryable ? " (no retries left)"
                        : nonRetryable(error) ? " (non-retryable error)" : "", String.valueOf(error));
        boolean buried = bury(delivery, JobCodec.encode(job.toBuilder().retryCount(attempt + 1).build()), job,
                job.id(), reason, error, attempt + 1);
        events.fire(running.beanClass(), new JobError(partition, job, error, attempt, !buried, buried));
        if (buried) {
            events.fire(running.beanClass(), new JobBuried(partition, job, error));
        }
    }

    private boolean retry(Delivery delivery, Job job, Duration delay, String reason, Throwable error) {
        try {
            retrier.retry(delivery, job.toBuilder().retryCount(job.retryCount() + 1).startedAt(null).build(),
                    delay, reason, error);
            // The job is not done: it keeps its queue key through the backoff, but not its
            // execution key, which would block the other jobs of that key meanwhile.
            coordination.releaseExecutionKey(delivery.partition(), job);
            delivery.ack();
            return true;
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not schedule the retry of job {0} ({1}); it goes back to its queue",
                    job.id(), e.getMessage());
            requeue.requeue(delivery);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery.requeue();
        }
        return false;
    }

    /**
     * Buries then acks; if the buried copy is not confirmed, requeues instead (nothing is lost).
     *
     * @param job null when the message could not be decoded
     */
    boolean bury(Delivery delivery, byte[] body, Job job, String jobId, String reason, Throwable error, int attempts) {
        try {
            burier.bury(delivery, body, reason, error, attempts);
            if (job != null) {
                coordination.release(delivery.partition(), job);
            }
            delivery.ack();
            return true;
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not bury job {0} ({1}); it goes back to its queue", jobId, e.getMessage());
            requeue.requeue(delivery);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery.requeue();
            return false;
        }
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
