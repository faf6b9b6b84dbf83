package dev.roger.client.admin;

import dev.roger.api.PartitionSpec;
import java.util.List;

/** The partitions of the node an admin runs on, operated without a round trip over the broker. */
public interface LocalNode {

    String name();

    void startPartition(PartitionSpec spec);

    void reconfigurePartition(PartitionSpec spec);

    void stopPartition(String partition);

    List<PartitionSpec> runningPartitions();
}
