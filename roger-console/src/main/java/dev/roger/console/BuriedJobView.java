package dev.roger.console;

import dev.roger.api.BuriedJob;
import dev.roger.api.Job;
import java.time.Instant;

/**
 * A buried job as the API shows it: why and when it failed, never its arguments (viewers read this,
 * and arguments may hold customers' data). Absent values are null.
 */
public record BuriedJobView(String partition, String queue, String jobId, String type, String reason, String errorClass, String errorMessage,
                            String stack, int attempts, Instant firstFailedAt, Instant lastFailedAt, String node) {

    static BuriedJobView of(BuriedJob b) {
        return new BuriedJobView(b.partition(), b.queue(), b.jobId(), b.job().map(Job::type).orElse(null), b.reason(),
                b.errorClass().orElse(null), b.errorMessage().orElse(null), b.stack().orElse(null), b.attempts(),
                b.firstFailedAt().orElse(null), b.lastFailedAt().orElse(null), b.node());
    }
}
