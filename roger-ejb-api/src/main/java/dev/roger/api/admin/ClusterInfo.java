package dev.roger.api.admin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The cluster as its nodes described themselves, answering one request over the control channel
 * (the original Roger's {@code Roger.Info}), plus what the broker says of their queues.
 *
 * @param at            when the request was sent
 * @param expectedNodes how many nodes were connected to the cluster's control channel then
 * @param nodes         the nodes that answered in time, sorted by name
 * @param queues        every queue a node that answered consumes, with the broker's counts,
 *                      sorted by partition and queue
 */
public record ClusterInfo(Instant at, int expectedNodes, List<NodeInfo> nodes, List<QueueInfo> queues) {

    public ClusterInfo {
        Objects.requireNonNull(at, "at");
        nodes = List.copyOf(nodes);
        queues = List.copyOf(queues);
    }

    /**
     * How many nodes did not answer in time (the broker counts the nodes on the control channel
     * but cannot name them): 0 when the picture is complete.
     */
    public int missingNodes() {
        return Math.max(0, expectedNodes - nodes.size());
    }

    /** The node of that name, if it answered. */
    public java.util.Optional<NodeInfo> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
