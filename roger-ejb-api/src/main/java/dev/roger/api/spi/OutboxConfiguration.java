package dev.roger.api.spi;

import dev.roger.api.Names;
import java.time.Duration;
import java.util.Objects;

/**
 * The transactional outbox's settings, from the resource adapter's properties, handed to the
 * application's outbox writer and relay (plain JDK types, like {@link StateConfiguration}).
 *
 * @param dataSource   the JNDI name of the outbox's {@code DataSource} ({@code outboxDataSource});
 *                     {@code null} when the outbox is off
 * @param pollInterval how often each node's relay looks for rows to publish ({@code outboxPollMillis})
 * @param cluster      the Roger cluster of this node, {@code null} for the default cluster; its rows
 *                     are kept apart from other clusters' in the same table
 */
public record OutboxConfiguration(String dataSource, Duration pollInterval, String cluster) {

    /** The outbox off, as with an adapter that has no {@code outboxDataSource}. */
    public static final OutboxConfiguration OFF = new OutboxConfiguration(null, Duration.ofMillis(200), null);

    public OutboxConfiguration {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        if (dataSource != null && dataSource.isBlank()) {
            dataSource = null;
        }
        if (cluster != null) {
            Names.requireCluster(cluster);
        }
    }

    /** Whether an outbox data source is configured. */
    public boolean enabled() {
        return dataSource != null;
    }
}
