package dev.roger.api.admin;

import java.util.List;
import java.util.Objects;

/**
 * What a safe stop of a partition did (the original Roger's {@code Roger.Partition.safe_stop}).
 *
 * @param partition     the partition
 * @param expectedNodes how many nodes were asked (the live nodes of the cluster, or 1)
 * @param nodes         the answers, sorted by node
 */
public record SafeStopResult(String partition, int expectedNodes, List<NodeStop> nodes) {

    public SafeStopResult {
        Objects.requireNonNull(partition, "partition");
        nodes = List.copyOf(nodes);
    }

    /**
     * Whether every node asked answered and none still runs a job of the partition: nothing of it
     * runs anywhere now.
     */
    public boolean drained() {
        return nodes.size() >= expectedNodes && nodes.stream().allMatch(n -> n.stillRunning() == 0);
    }

    /**
     * One node's part.
     *
     * @param node          the node
     * @param wasRunning    whether the partition ran there (false: nothing to stop)
     * @param jobsFinished  jobs of the partition that were running when it stopped and finished since
     * @param stillRunning  jobs of the partition still running there when the wait ended
     */
    public record NodeStop(String node, boolean wasRunning, int jobsFinished, int stillRunning) {
        public NodeStop {
            Objects.requireNonNull(node, "node");
        }
    }
}
