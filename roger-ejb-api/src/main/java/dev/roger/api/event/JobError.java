package dev.roger.api.event;

import dev.roger.api.Job;

/**
 * Fired when a job failed: its bean threw, or the job could not be run at all (the bean could not
 * be created). {@code buried} says whether the job went to the buried queue.
 *
 * @param partition the partition the job came from
 * @param job       the job as it ran ({@code retryCount} = failed attempts before this one)
 * @param error     what the bean threw, unwrapped from container exceptions
 * @param buried    whether this failure moved the job to the buried queue
 */
public record JobError(String partition, Job job, Throwable error, boolean buried) implements JobEvent {
}
