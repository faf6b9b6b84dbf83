package dev.roger.it.support;

import dev.roger.testing.Broker;
import dev.roger.testing.Await;
import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerAdmin;
import java.time.Duration;

/** Starting partitions at runtime in in-container tests. Add this class to the test WAR. */
public final class RuntimePartitions {

    private RuntimePartitions() {
    }

    /** Starts {@code partition[queues]} (e.g. {@code default=4}) and waits until each queue has its consumer. */
    public static PartitionSpec startAndAwaitConsumers(RogerAdmin admin, String partition, String queues,
                                                       Duration wait) {
        PartitionSpec spec = PartitionSpec.parse(partition + "[" + queues + "]");
        admin.startPartition(admin.localNode().orElseThrow(), spec);
        try (Broker broker = Broker.connect()) {
            for (String q : spec.queues().keySet()) {
                Await.until(partition + "-" + q + " consumed", wait, () -> broker.consumers(partition + "-" + q) == 1);
            }
        }
        return spec;
    }
}
