package dev.roger.api.event;

import dev.roger.api.Job;

/**
 * Fired once when a failed job was stored in {@code <partition>-<queue>.buried} (after its
 * {@link JobError}).
 *
 * @param partition the partition the job came from
 * @param job       the job
 * @param reason    the error that buried it
 */
public record JobBuried(String partition, Job job, Throwable reason) implements JobEvent {
}
