package dev.roger.ra.health;

import dev.roger.api.admin.PartitionInfo;
import dev.roger.api.admin.WaitingPartition;
import dev.roger.api.spi.NodeHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides liveness and readiness from what the engine sees. Ready: connected to the broker, every
 * queue of every partition declared on the node consumed (or paused on purpose, or waiting on a
 * refusal of the broker, which retrying cannot hurry and another node would meet too), and no
 * shutdown begun: from the shutdown's first moment no job starts, so an orchestrator should see
 * the node as not ready at once. Live: the adapter is started; a shutdown in progress is not a
 * reason to restart it.
 */
public final class NodeHealthCheck {

    private NodeHealthCheck() {
    }

    /**
     * @param shutdownBegan when the node's shutdown began, or null
     */
    public static NodeHealth of(boolean connected, Instant shutdownBegan, List<PartitionInfo> partitions,
                                List<WaitingPartition> waiting) {
        List<NodeHealth.Check> checks = new ArrayList<>();
        checks.add(new NodeHealth.Check("broker", connected, connected ? "connected" : "not connected"));
        checks.add(partitions(partitions, waiting));
        checks.add(new NodeHealth.Check("shutdown", shutdownBegan == null,
                shutdownBegan == null ? "running" : "shutting down since " + shutdownBegan));
        boolean ready = checks.stream().allMatch(NodeHealth.Check::up);
        return new NodeHealth(true, ready, checks);
    }

    private static NodeHealth.Check partitions(List<PartitionInfo> partitions, List<WaitingPartition> waiting) {
        Set<String> refused = new HashSet<>();
        waiting.forEach(w -> refused.add(w.partition() + "\u0000" + w.queue()));
        List<String> notStarted = new ArrayList<>();
        int queues = 0;
        for (PartitionInfo p : partitions) {
            for (PartitionInfo.NodeQueue q : p.queues()) {
                queues++;
                if (q.state() == PartitionInfo.ConsumerState.STOPPED
                        && !refused.contains(p.partition() + "\u0000" + q.queue())) {
                    notStarted.add(p.partition() + "-" + q.queue());
                }
            }
        }
        if (notStarted.isEmpty()) {
            return new NodeHealth.Check("partitions", true, partitions.size() + " partitions, " + queues
                    + " queues started" + (refused.isEmpty() ? "" : ", " + refused.size() + " waiting on the broker"));
        }
        // A few names say which; a thousand would make the answer the size of Info.
        List<String> shown = notStarted.subList(0, Math.min(5, notStarted.size()));
        return new NodeHealth.Check("partitions", false, notStarted.size() + " of " + queues + " queues not consumed yet: "
                + String.join(", ", shown) + (notStarted.size() > shown.size() ? ", ..." : ""));
    }

    /** The adapter is not started (or stopped): neither live nor ready. */
    public static NodeHealth notStarted(String why) {
        return new NodeHealth(false, false, List.of(new NodeHealth.Check("adapter", false, why)));
    }
}
