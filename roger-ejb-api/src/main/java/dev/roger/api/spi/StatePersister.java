package dev.roger.api.spi;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the owner of a partition keeps its global state (queue keys, execution keys, cancelled
 * jobs, paused queues) so the next owner can load it. The state is an opaque blob per partition.
 * Roger ships {@code filesystem} (the default), {@code jdbc} and {@code none}; to use your own,
 * implement this with a public no-argument constructor and name the class in the resource
 * adapter's {@code statePersister} property. Calls for one partition never overlap. In a named
 * Roger cluster (the adapter's {@code cluster} property) the partition given is
 * {@code <cluster>.<partition>}, so clusters sharing a store keep apart.
 */
public interface StatePersister {

    /** The partition's last stored state, or empty when there is none. */
    Optional<byte[]> load(String partition) throws IOException;

    /** Replaces the partition's stored state. */
    void store(String partition, byte[] state) throws IOException;
}
