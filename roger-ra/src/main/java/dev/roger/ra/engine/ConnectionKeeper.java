package dev.roger.ra.engine;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.roger.client.amqp.Errors;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeoutException;

/**
 * Owns the node's AMQP connection. The client library recovers a connection that was once open;
 * until the first one succeeds (broker down at boot) the engine's tick calls {@link #tryConnect()}.
 */
final class ConnectionKeeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConnectionKeeper.class.getName());

    private final ConnectionFactory factory;
    private final String name;
    private final String description;
    private volatile Connection connection;
    private boolean failureLogged;

    ConnectionKeeper(ConnectionFactory factory, String name, String description) {
        this.factory = factory;
        this.name = name;
        this.description = description;
    }

    /** Connects if there is no connection yet; false while the broker cannot be reached. */
    synchronized boolean tryConnect() {
        if (connection != null) {
            return connection.isOpen();
        }
        try {
            connection = factory.newConnection(name);
            LOG.log(Level.INFO, "Roger connected to RabbitMQ at {0}", description);
            failureLogged = false;
            return true;
        } catch (IOException | TimeoutException e) {
            if (!failureLogged) {
                LOG.log(Level.WARNING, "Roger cannot connect to RabbitMQ at {0} ({1}); retrying every 2 s",
                        description, Errors.describe(e));
                failureLogged = true;
            }
            return false;
        }
    }

    /**
     * The open connection.
     *
     * @throws IllegalStateException saying why there is none
     */
    Connection open() {
        Connection c = connection;
        if (c == null && tryConnect()) {
            c = connection;
        }
        if (c == null) {
            throw new IllegalStateException("RabbitMQ at " + description + " is unreachable");
        }
        if (!c.isOpen()) {
            throw new IllegalStateException("the connection to RabbitMQ at " + description + " is down (recovering)");
        }
        return c;
    }

    boolean isOpen() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close(5000);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Closing the AMQP connection failed", e);
            }
            connection = null;
        }
    }
}
