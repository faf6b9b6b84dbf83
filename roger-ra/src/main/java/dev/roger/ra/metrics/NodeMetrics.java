package dev.roger.ra.metrics;

import com.rabbitmq.client.Connection;
import dev.roger.ra.inbound.JobObserver;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The node's metrics: one Micrometer registry in the adapter, read by the console through the
 * SPI as Prometheus text. Every series carries the label {@code node}. Off
 * ({@code metricsEnabled=false}), nothing is counted and there is nothing to scrape.
 */
public final class NodeMetrics {

    private final PrometheusMeterRegistry registry;
    private final JobObserver jobs;
    private final EnqueueMeters enqueues;
    private final NodeGauges gauges;
    private final QueueDepths depths;

    private NodeMetrics(PrometheusMeterRegistry registry, JobObserver jobs, EnqueueMeters enqueues, NodeGauges gauges,
                        QueueDepths depths) {
        this.registry = registry;
        this.jobs = jobs;
        this.enqueues = enqueues;
        this.gauges = gauges;
        this.depths = depths;
    }

    /** No metrics: the observers do nothing and {@link #scrape} is empty. */
    public static NodeMetrics off() {
        return new NodeMetrics(null, JobObserver.NONE, EnqueueMeters.NONE, null, null);
    }

    /**
     * @param partitionLabels how many partitions get a {@code partition} label value of their own
     * @param connection      the node's AMQP connection, for the queues' ready counts
     */
    public static NodeMetrics create(int partitionLabels, String node, NodeState state,
                                     Supplier<Connection> connection) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", node);
        PartitionLabels partitions = new PartitionLabels(partitionLabels);
        QueueDepths depths = new QueueDepths(connection);
        return new NodeMetrics(registry, new JobMeters(registry, partitions), new EnqueueMeters(registry, partitions),
                new NodeGauges(registry, state, partitions, depths), depths);
    }

    /** Sees the node's job outcomes. */
    public JobObserver jobs() {
        return jobs;
    }

    public EnqueueMeters enqueues() {
        return enqueues;
    }

    /** The Prometheus text (format 0.0.4); empty when metrics are off. One scrape at a time. */
    public synchronized Optional<String> scrape() {
        if (registry == null) {
            return Optional.empty();
        }
        gauges.refresh();
        return Optional.of(registry.scrape());
    }

    public synchronized void close() {
        if (registry != null) {
            depths.close();
            registry.close();
        }
    }
}
