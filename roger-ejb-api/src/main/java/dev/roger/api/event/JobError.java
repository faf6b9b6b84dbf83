package dev.roger.api.event;

import dev.roger.api.Job;

/**
 * Fired on every failed attempt of a job: its bean threw, ran over its maximum execution time
 * ({@link dev.roger.api.JobTimeoutException}), or could not be created.
 *
 * @param partition      the partition the job came from
 * @param job            the job as it ran
 * @param error          what the bean threw, unwrapped from container exceptions
 * @param attempt        which attempt failed, from 0 (the job's {@code retryCount} when it ran)
 * @param retryScheduled whether the job will run again after its backoff
 * @param buried         whether this failure moved the job to the buried queue
 */
public record JobError(String partition, Job job, Throwable error, int attempt, boolean retryScheduled,
                       boolean buried) implements JobEvent {
}
