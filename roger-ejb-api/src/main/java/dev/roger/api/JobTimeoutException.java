package dev.roger.api;

import java.time.Duration;

/**
 * The error of a job that ran longer than its maximum execution time: its thread was interrupted
 * and the attempt counted as failed at once (retried if the job is retryable). Java cannot stop a
 * thread, only interrupt it: a bean that ignores interrupts keeps running, and its late result is
 * ignored.
 */
public class JobTimeoutException extends RogerException {

    private static final long serialVersionUID = 1L;
    private final transient Duration limit;

    public JobTimeoutException(String jobId, Duration limit) {
        super("Job " + jobId + " ran longer than its maximum execution time of " + limit.toMillis()
                + " ms; its thread was interrupted");
        this.limit = limit;
    }

    /** The limit that was exceeded. */
    public Duration limit() {
        return limit;
    }
}
