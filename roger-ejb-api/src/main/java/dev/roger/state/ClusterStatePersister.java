package dev.roger.state;

import dev.roger.api.Names;
import dev.roger.api.spi.StatePersister;
import java.io.IOException;
import java.util.Optional;

/**
 * A named cluster's use of a persister: each partition's state is kept under
 * {@code <cluster>.<partition>}, the way the cluster's queues are named, so two clusters that
 * share a state directory or table, each with a partition {@code default}, never load or
 * overwrite each other's state.
 */
final class ClusterStatePersister implements StatePersister {

    private final StatePersister persister;
    private final String cluster;

    ClusterStatePersister(StatePersister persister, String cluster) {
        this.persister = persister;
        this.cluster = Names.requireCluster(cluster);
    }

    /**
     * Checks what a persister is given as the partition: a partition id, or {@code <cluster>.<partition>}
     * in a named cluster. Either stays a safe file name and SQL value (no '/', no '..').
     */
    static String requireKey(String key) {
        int dot = key == null ? -1 : key.indexOf('.');
        if (dot < 0) {
            return Names.requirePartition(key);
        }
        Names.requireCluster(key.substring(0, dot));
        Names.requirePartition(key.substring(dot + 1));
        return key;
    }

    @Override
    public Optional<byte[]> load(String partition) throws IOException {
        return persister.load(key(partition));
    }

    @Override
    public void store(String partition, byte[] state) throws IOException {
        persister.store(key(partition), state);
    }

    private String key(String partition) {
        return Names.inCluster(cluster, Names.requirePartition(partition));
    }
}
