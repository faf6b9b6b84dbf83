package dev.roger.console;

import dev.roger.api.spi.NodeHealth;
import dev.roger.api.spi.RogerConnection;
import dev.roger.api.spi.RogerConnectionFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Asks the node's adapter for its metrics and health over the SPI, on a connection borrowed for
 * the call. An adapter that cannot be reached (not deployed, not started) is itself the answer:
 * not live, not ready.
 */
final class NodeProbe {

    private final RogerConnectionFactory factory;

    NodeProbe(RogerConnectionFactory factory) {
        this.factory = factory;
    }

    /** The Prometheus text; empty when the adapter's metrics are off. */
    Optional<String> scrape() throws Exception {
        return call(RogerConnection::scrapeMetrics);
    }

    NodeHealth health() {
        try {
            return call(RogerConnection::health);
        } catch (Exception e) {
            return new NodeHealth(false, false, List.of(new NodeHealth.Check("adapter", false,
                    "the Roger resource adapter cannot be reached: " + e.getMessage())));
        }
    }

    private <T> T call(Function<RogerConnection, T> action) throws Exception {
        if (factory == null) {
            throw new IllegalStateException("no Roger connection factory in this application");
        }
        try (RogerConnection c = factory.getConnection()) {
            return action.apply(c);
        }
    }
}
