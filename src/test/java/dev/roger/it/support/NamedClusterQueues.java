package dev.roger.it.support;

import dev.roger.testing.Broker;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes what a test's own named Roger cluster left on the broker: each partition's default queue
 * with its buried and first retry queue and its state owner's queue, and the cluster's node,
 * buried-log and control names. Tests that run a node in a cluster of their own call it last.
 */
public final class NamedClusterQueues {

    private NamedClusterQueues() {
    }

    public static void delete(String cluster, List<String> partitions) {
        List<String> queues = new ArrayList<>();
        for (String p : partitions) {
            for (String name : List.of(p + "-default", p + "-default.buried", p + "-default.retry.1", "roger.owner." + p)) {
                queues.add(cluster + "." + name);
            }
        }
        for (String name : List.of("roger.nodes", "roger.buried.dropped", "roger.buried.log")) {
            queues.add(cluster + "." + name);
        }
        try (Broker broker = Broker.connect()) {
            broker.delete(queues.toArray(String[]::new));
            broker.deleteExchanges(cluster + ".roger.control");
        }
    }
}
