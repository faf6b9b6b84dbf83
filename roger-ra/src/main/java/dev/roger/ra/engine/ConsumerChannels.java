package dev.roger.ra.engine;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Opens the consumer channels (one per partition queue) spread over as many connections as it
 * takes to keep each under {@code perConnection} channels: a node with a thousand tenants needs
 * more channels than one connection may have (RabbitMQ's default channel_max is 2047), and
 * fewer channels per connection keep one connection's socket from carrying every tenant.
 */
final class ConsumerChannels implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConsumerChannels.class.getName());

    private record Slot(Connection connection, AtomicInteger channels) {
    }

    private final Supplier<Connection> primary;
    private final ConnectionFactory factory;
    private final String name;
    private final int perConnection;
    private final List<Slot> extra = new ArrayList<>();
    private final AtomicInteger onPrimary = new AtomicInteger();

    ConsumerChannels(Supplier<Connection> primary, ConnectionFactory factory, String name, int perConnection) {
        this.primary = primary;
        this.factory = factory;
        this.name = name;
        this.perConnection = perConnection;
    }

    /**
     * A new channel on the first connection with room, or on a new connection.
     *
     * @throws IOException when the broker cannot be reached or refuses another channel
     */
    synchronized Channel open() throws IOException {
        List<Slot> slots = new ArrayList<>();
        slots.add(new Slot(primary.get(), onPrimary));
        slots.addAll(extra);
        for (Slot slot : slots) {
            if (slot.connection().isOpen() && slot.channels().get() < perConnection) {
                Channel ch = slot.connection().createChannel();
                if (ch != null) {
                    return counted(ch, slot);
                }
            }
        }
        try {
            Slot slot = new Slot(factory.newConnection(name + "#" + (extra.size() + 2)), new AtomicInteger());
            extra.add(slot);
            LOG.log(Level.INFO, "Roger opened consumer connection #{0} ({1} channels per connection)",
                    extra.size() + 1, perConnection);
            Channel ch = slot.connection().createChannel();
            if (ch == null) {
                throw new IOException("a new connection has no free channel");
            }
            return counted(ch, slot);
        } catch (TimeoutException e) {
            throw new IOException("timed out opening another connection", e);
        }
    }

    private static Channel counted(Channel ch, Slot slot) {
        slot.channels().incrementAndGet();
        // A connection failure (hard error) closes the channel only until recovery reopens it, so
        // it keeps its place; a channel-level close (ours, or a broker error) frees it for good.
        ch.addShutdownListener(cause -> {
            if (!cause.isHardError()) {
                slot.channels().decrementAndGet();
            }
        });
        return ch;
    }

    /** Connections in use for consumers, the primary one included. */
    synchronized int connections() {
        return 1 + extra.size();
    }

    @Override
    public synchronized void close() {
        for (Slot slot : extra) {
            try {
                slot.connection().close(5000);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Closing a consumer connection failed", e);
            }
        }
        extra.clear();
    }
}
