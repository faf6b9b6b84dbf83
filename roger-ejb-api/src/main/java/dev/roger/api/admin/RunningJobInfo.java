package dev.roger.api.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A job running on a node (never its arguments).
 *
 * @param id         the job id
 * @param type       its type
 * @param partition  its partition
 * @param queue      its queue
 * @param node       the node running it
 * @param startedAt  when this attempt began
 * @param runningFor how long it had run when the node answered
 * @param retryCount its retry count (0 on the first attempt)
 */
public record RunningJobInfo(String id, String type, String partition, String queue, String node, Instant startedAt,
                             Duration runningFor, int retryCount) {

    public RunningJobInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
    }
}
