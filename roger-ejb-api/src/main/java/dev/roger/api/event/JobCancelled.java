package dev.roger.api.event;

import dev.roger.api.Job;

/**
 * Fired once when a cancelled job is dropped: when it was dequeued, or while it ran (its thread
 * was interrupted and its result, if it still comes, is ignored). A cancelled job is not retried.
 *
 * @param partition the partition the job came from
 * @param job       the job
 * @param running   whether it was running when it was cancelled
 */
public record JobCancelled(String partition, Job job, boolean running) implements JobEvent {
}
