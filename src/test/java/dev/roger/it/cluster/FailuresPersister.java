package dev.roger.it.cluster;

import dev.roger.api.spi.StatePersister;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A custom {@link StatePersister} for {@link ClusterFailuresIT}, named in the adapter's
 * {@code statePersister} property and loaded from the test WAR: keeps each partition's state in
 * this JVM's memory and counts the calls. While {@link #failing} is set, {@link #load} fails
 * the way an unreachable store would; {@link #store} always works.
 */
public class FailuresPersister implements StatePersister {

    static volatile boolean failing;
    static final Map<String, byte[]> STORED = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> LOADS = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> STORES = new ConcurrentHashMap<>();

    public FailuresPersister() {
        // Found by name and made by the adapter.
    }

    @Override
    public Optional<byte[]> load(String partition) throws IOException {
        LOADS.computeIfAbsent(partition, p -> new AtomicInteger()).incrementAndGet();
        if (failing) {
            throw new IOException("test: persister down");
        }
        return Optional.ofNullable(STORED.get(partition)).map(byte[]::clone);
    }

    @Override
    public void store(String partition, byte[] state) {
        STORED.put(partition, state.clone());
        STORES.computeIfAbsent(partition, p -> new AtomicInteger()).incrementAndGet();
    }

    static int loads(String partition) {
        AtomicInteger n = LOADS.get(partition);
        return n == null ? 0 : n.get();
    }

    static int stores(String partition) {
        AtomicInteger n = STORES.get(partition);
        return n == null ? 0 : n.get();
    }
}
