package dev.roger.state;

import dev.roger.api.spi.StatePersister;
import java.util.Optional;

/**
 * Keeps nothing: every new owner starts from an empty state. For single-node setups and tests,
 * where losing held keys and cancelled ids on an owner change is acceptable.
 */
public final class NoStatePersister implements StatePersister {

    @Override
    public Optional<byte[]> load(String partition) {
        return Optional.empty();
    }

    @Override
    public void store(String partition, byte[] state) {
        // Deliberately nothing.
    }
}
