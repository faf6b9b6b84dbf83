package dev.roger.ra.metrics;

import dev.roger.api.admin.PartitionInfo;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The node's gauges: connection, running jobs, slots, and per queue the ready jobs (from the
 * broker) and the deliveries this node holds. The queue rows are rebuilt before each scrape from
 * the partitions the node declares; only partitions with a label of their own get rows (the
 * others' depths summed under one label would say nothing about any queue).
 */
final class NodeGauges {

    private final NodeState state;
    private final PartitionLabels partitions;
    private final QueueDepths depths;
    private final MultiGauge ready;
    private final MultiGauge unacked;

    NodeGauges(MeterRegistry registry, NodeState state, PartitionLabels partitions, QueueDepths depths) {
        this.state = state;
        this.partitions = partitions;
        this.depths = depths;
        Gauge.builder("roger.connection.up", state, s -> s.connected() ? 1 : 0)
                .description("1 while the node's AMQP connection is open, else 0").register(registry);
        Gauge.builder("roger.node.jobs.running", state, NodeState::running)
                .description("Jobs running in their beans on this node").register(registry);
        Gauge.builder("roger.node.slots.used", state, NodeState::slotsInUse)
                .description("Deliveries this node holds unsettled: running, waiting for a slot, or being settled")
                .register(registry);
        Gauge.builder("roger.node.slots.free", state, s -> Math.max(0, s.slots() - s.slotsInUse()))
                .description("Deliveries this node could take on now: maxConcurrentJobs (else its queues' workers) "
                        + "less those in use").register(registry);
        ready = MultiGauge.builder("roger.queue.ready")
                .description("Jobs ready in the queue, as the broker counts them at the scrape").register(registry);
        unacked = MultiGauge.builder("roger.queue.unacked")
                .description("Deliveries of the queue this node holds unacknowledged").register(registry);
    }

    /** Reads the queues again: called before each scrape. */
    void refresh() {
        List<MultiGauge.Row<?>> readyRows = new ArrayList<>();
        List<MultiGauge.Row<?>> unackedRows = new ArrayList<>();
        boolean connected = state.connected();
        for (PartitionInfo p : state.partitions()) {
            String label = partitions.of(p.partition());
            if (PartitionLabels.OTHER.equals(label)) {
                continue;
            }
            for (PartitionInfo.NodeQueue q : p.queues()) {
                Tags tags = Tags.of("partition", label, "queue", q.queue());
                unackedRows.add(MultiGauge.Row.of(tags, q.inFlight()));
                OptionalLong n = connected ? depths.ready(state.queueName(p.partition(), q.queue())) : OptionalLong.empty();
                if (n.isPresent()) {
                    readyRows.add(MultiGauge.Row.of(tags, n.getAsLong()));
                }
            }
        }
        ready.register(readyRows, true);
        unacked.register(unackedRows, true);
    }
}
