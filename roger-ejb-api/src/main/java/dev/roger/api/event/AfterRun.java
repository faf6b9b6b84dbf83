package dev.roger.api.event;

import dev.roger.api.Job;
import java.time.Duration;

/**
 * Fired after a job's bean returned normally and the job was acknowledged.
 *
 * @param partition the partition the job came from
 * @param job       the job
 * @param duration  how long the bean ran
 */
public record AfterRun(String partition, Job job, Duration duration) implements JobEvent {
}
