package dev.roger.ra.engine;

/**
 * The adapter's metrics and tracing properties.
 *
 * @param metrics         whether the node keeps metrics at all ({@code metricsEnabled})
 * @param partitionLabels how many partitions get a {@code partition} label value of their own
 *                        ({@code metricsPartitionLabels}); the others share one
 * @param tracing         whether the node records OpenTelemetry spans and writes trace headers
 *                        ({@code tracingEnabled}); false: it uses no application's OpenTelemetry at all
 */
public record TelemetrySettings(boolean metrics, int partitionLabels, boolean tracing) {

    public static final TelemetrySettings DEFAULT = new TelemetrySettings(true, 100, true);

    public TelemetrySettings {
        if (partitionLabels < 0) {
            throw new IllegalArgumentException("property metricsPartitionLabels must be 0 or more, was " + partitionLabels);
        }
    }
}
