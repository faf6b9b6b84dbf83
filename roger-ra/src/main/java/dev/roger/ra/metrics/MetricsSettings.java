package dev.roger.ra.metrics;

/**
 * The adapter's metrics properties.
 *
 * @param enabled         whether the node keeps metrics at all ({@code metricsEnabled})
 * @param partitionLabels how many partitions get a {@code partition} label value of their own
 *                        ({@code metricsPartitionLabels}); the others share {@link PartitionLabels#OTHER}
 */
public record MetricsSettings(boolean enabled, int partitionLabels) {

    public static final MetricsSettings DEFAULT = new MetricsSettings(true, 100);

    public MetricsSettings {
        if (partitionLabels < 0) {
            throw new IllegalArgumentException("property metricsPartitionLabels must be 0 or more, was " + partitionLabels);
        }
    }
}
