package dev.roger.api.admin;

import java.util.Objects;

/**
 * A partition queue across the cluster: the broker's counts and the nodes' deliveries. The
 * broker's counts are 0 for a queue it does not let Roger read (held exclusively by another
 * connection, access refused); the node that cannot consume it lists it as waiting, with the reason.
 *
 * @param partition the partition
 * @param queue     the queue
 * @param ready     jobs waiting in it (the broker's count)
 * @param unacked   jobs delivered to the nodes that answered and not yet settled (running or
 *                  about to); AMQP does not tell the broker's own count
 * @param consumers consumers on it (the broker's count; paused nodes do not consume)
 * @param retrying  jobs waiting in its retry queue for their next attempt
 * @param buried    jobs in its buried queue
 */
public record QueueInfo(String partition, String queue, long ready, long unacked, int consumers, long retrying,
                        long buried) {

    public QueueInfo {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(queue, "queue");
    }
}
