package dev.roger.api.event;

import dev.roger.api.Job;

/**
 * Fired (as a CDI event, synchronously, on the job's thread) just before a job's bean runs.
 * Observe it with {@code void on(@Observes BeforeRun e)} in the job's application.
 *
 * @param partition the partition the job came from
 * @param job       the job, with {@code startedAt} set
 */
public record BeforeRun(String partition, Job job) implements JobEvent {
}
