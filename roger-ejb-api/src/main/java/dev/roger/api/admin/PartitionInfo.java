package dev.roger.api.admin;

import java.util.List;
import java.util.Objects;

/**
 * A partition on one node.
 *
 * @param partition the partition
 * @param queues    its queues on that node, sorted by queue
 */
public record PartitionInfo(String partition, List<NodeQueue> queues) {

    public PartitionInfo {
        Objects.requireNonNull(partition, "partition");
        queues = List.copyOf(queues);
    }

    /**
     * A queue of the partition on one node.
     *
     * @param queue    the queue
     * @param workers  jobs of it that may run at once on the node
     * @param state    whether the node consumes it now
     * @param inFlight deliveries of it the node holds unacknowledged (running or about to)
     * @param counters what the node's jobs of this queue did since the node started; two readings
     *                 give the queue's rates on the node
     */
    public record NodeQueue(String queue, int workers, ConsumerState state, int inFlight, JobCounters counters) {
        public NodeQueue {
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(counters, "counters");
        }

        /** A queue whose jobs did nothing on the node yet. */
        public NodeQueue(String queue, int workers, ConsumerState state, int inFlight) {
            this(queue, workers, state, inFlight, new JobCounters(0, 0, 0, 0));
        }
    }

    /** Whether a node consumes a queue. */
    public enum ConsumerState {
        /** A consumer takes its jobs. */
        CONSUMING,
        /** Paused cluster-wide: no job of it starts until it is resumed. */
        PAUSED,
        /** Not consumed: the partition's global state is not known yet, or it is waiting (see {@link WaitingPartition}). */
        STOPPED
    }
}
