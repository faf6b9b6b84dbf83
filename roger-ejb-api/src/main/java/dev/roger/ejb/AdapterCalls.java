package dev.roger.ejb;

import dev.roger.api.RogerException;
import dev.roger.api.spi.RogerConnection;
import dev.roger.api.spi.RogerConnectionFactory;
import jakarta.resource.ResourceException;
import java.util.function.Function;

/** One call to the resource adapter on a pooled connection, borrowed for that call. */
final class AdapterCalls {

    private final RogerConnectionFactory factory;

    AdapterCalls(RogerConnectionFactory factory) {
        this.factory = factory;
    }

    <T> T call(Function<RogerConnection, T> action) {
        RogerConnection connection;
        try {
            connection = factory.getConnection();
        } catch (ResourceException e) {
            throw new RogerException("No connection to the Roger resource adapter (is roger-ra.rar deployed "
                    + "before this application?): " + e.getMessage(), e);
        }
        try (connection) {
            return action.apply(connection);
        }
    }

    void run(java.util.function.Consumer<RogerConnection> action) {
        call(c -> {
            action.accept(c);
            return null;
        });
    }
}
