package dev.roger.ra.metrics;

import dev.roger.api.admin.PartitionInfo;
import java.util.List;

/** What the node's gauges read, at each scrape. */
public interface NodeState {

    /** Whether the node's AMQP connection is open. */
    boolean connected();

    /** Jobs running in their beans now. */
    int running();

    /** Deliveries held unsettled (running, waiting for a slot, being settled). */
    int slotsInUse();

    /** The most deliveries the node holds at once: its maxConcurrentJobs, else the sum of its queues' workers. */
    int slots();

    /** The partitions declared on this node, queue by queue. */
    List<PartitionInfo> partitions();

    /** The broker's name of a partition's queue. */
    String queueName(String partition, String queue);
}
