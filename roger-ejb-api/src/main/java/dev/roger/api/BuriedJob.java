package dev.roger.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A job in a buried queue, as {@link RogerAdmin#buried} lists it.
 *
 * @param partition     the partition it was buried from
 * @param queue         the queue of the partition it was buried from
 * @param jobId         the job id (the message id when the body could not be read)
 * @param job           the job, unless its body is not a readable job (bad input)
 * @param reason        why it was buried, in one line
 * @param errorClass    the last error's class, if it failed with one
 * @param errorMessage  the last error's message, if any
 * @param stack         the last error's stack summary, if any
 * @param attempts      how many attempts failed (0: it never ran)
 * @param firstFailedAt when its first attempt failed, if known
 * @param lastFailedAt  when it was buried, if known
 * @param node          the node that buried it
 */
public record BuriedJob(String partition, String queue, String jobId, Optional<Job> job, String reason, Optional<String> errorClass,
                        Optional<String> errorMessage, Optional<String> stack, int attempts,
                        Optional<Instant> firstFailedAt, Optional<Instant> lastFailedAt, String node) {

    public BuriedJob {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(errorClass, "errorClass");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(firstFailedAt, "firstFailedAt");
        Objects.requireNonNull(lastFailedAt, "lastFailedAt");
    }
}
