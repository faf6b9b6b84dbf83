package dev.roger.api.admin;

import java.time.Instant;
import java.util.Objects;

/**
 * A queue a node should consume but cannot yet, because the broker refused to declare or consume
 * it (an existing queue of another type, access refused on the vhost, a resource limit). The node
 * keeps trying, backing off up to a minute between tries.
 *
 * @param partition  the partition
 * @param queue      the queue
 * @param reason     the broker's words
 * @param attempts   tries so far
 * @param since      the first failed try
 * @param nextTry    when it tries again
 */
public record WaitingPartition(String partition, String queue, String reason, int attempts, Instant since,
                               Instant nextTry) {

    public WaitingPartition {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(reason, "reason");
    }
}
