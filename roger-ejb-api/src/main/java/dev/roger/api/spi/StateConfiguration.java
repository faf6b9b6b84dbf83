package dev.roger.api.spi;

import dev.roger.api.Names;
import java.time.Duration;
import java.util.Objects;

/**
 * How the owner of a partition keeps its global state; from the resource adapter's properties,
 * handed to the application's state holder (plain JDK and API types only, so the application and
 * the adapter need not share classes beyond the API).
 *
 * @param persister       {@code filesystem}, {@code jdbc}, {@code none}, or the class name of a
 *                        {@link StatePersister}
 * @param directory       the filesystem persister's directory
 * @param dataSource      the JNDI name of the JDBC persister's {@code DataSource}
 * @param keyLease        how long an execution key stays held after its node stopped renewing it
 * @param cancelRetention how long a cancelled job id is remembered
 * @param cluster         the Roger cluster whose state it is, {@code null} for the default cluster; a
 *                        named cluster's states are stored as {@code <cluster>.<partition>}
 */
public record StateConfiguration(String persister, String directory, String dataSource, Duration keyLease,
                            Duration cancelRetention, String cluster) {

    public StateConfiguration {
        Objects.requireNonNull(persister, "persister");
        Objects.requireNonNull(keyLease, "keyLease");
        Objects.requireNonNull(cancelRetention, "cancelRetention");
        if (cluster != null) {
            Names.requireCluster(cluster);
        }
    }

    /** The settings of the default cluster. */
    public StateConfiguration(String persister, String directory, String dataSource, Duration keyLease,
                         Duration cancelRetention) {
        this(persister, directory, dataSource, keyLease, cancelRetention, null);
    }
}
