package dev.roger.bench.cases;

import dev.roger.api.Names;
import dev.roger.api.PartitionSpec;
import dev.roger.bench.BenchFailure;
import dev.roger.bench.broker.Broker;
import dev.roger.bench.node.PayaraNode;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a case's partitions in a node and takes them down again: stopped in the node first (a
 * consumer on a deleted queue would be restarted, which declares the queue anew), then their
 * queues deleted, main and buried, with whatever jobs are left in them.
 */
final class Partitions {

    private static final System.Logger LOG = System.getLogger(Partitions.class.getName());

    private Partitions() {
    }

    static void start(PayaraNode node, List<PartitionSpec> specs) {
        node.app().startPartitions(specs);
    }

    /** Best effort: a failure is logged, not thrown, so it never hides the case's own outcome. */
    static void remove(PayaraNode node, Broker broker, List<PartitionSpec> specs) {
        try {
            node.app().stopPartitions(specs.stream().map(PartitionSpec::partition).toList());
        } catch (BenchFailure e) {
            LOG.log(Level.WARNING, "Could not stop partitions in node {0}: {1}", node.name(), e.getMessage());
        }
        try {
            broker.deleteQueues(queues(specs));
        } catch (BenchFailure e) {
            LOG.log(Level.WARNING, "Could not delete the queues of {0} partitions: {1}", specs.size(), e.getMessage());
        }
    }

    /** The main and buried queues of the partitions. */
    static List<String> queues(List<PartitionSpec> specs) {
        return names(specs, true);
    }

    /** The main queues of the partitions (those with consumers). */
    static List<String> mainQueues(List<PartitionSpec> specs) {
        return names(specs, false);
    }

    private static List<String> names(List<PartitionSpec> specs, boolean withBuried) {
        List<String> names = new ArrayList<>();
        for (PartitionSpec spec : specs) {
            for (String queue : spec.queues().keySet()) {
                names.add(Names.mainQueue(spec.partition(), queue));
                if (withBuried) {
                    names.add(Names.buriedQueue(spec.partition(), queue));
                }
            }
        }
        return names;
    }

    static PartitionSpec oneQueue(String partition, int workers) {
        return PartitionSpec.of(partition).withQueue(Names.DEFAULT_QUEUE, workers);
    }
}
