package dev.roger.ra.engine;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
     * A new channel on the first connection with room, or on a new connection. Safe to call from
     * several threads at once: only choosing the connection (and opening a new one) is serialized,
     * not the channels' opening round trips, so that consumers start side by side.
     *
     * @throws IOException when the broker cannot be reached or refuses another channel
     */
    Channel open() throws IOException {
        Set<Slot> full = new HashSet<>();
        while (true) {
            Reserved r = reserve(full);
            Channel ch;
            try {
                ch = r.slot().connection().createChannel();
            } catch (IOException | RuntimeException e) {
                r.slot().channels().decrementAndGet();
                throw e;
            }
            if (ch != null) {
                return counted(ch, r.slot());
            }
            // The connection's channel_max is reached.
            r.slot().channels().decrementAndGet();
            if (r.fresh()) {
                throw new IOException("a new connection has no free channel");
            }
            full.add(r.slot());
        }
    }

    private record Reserved(Slot slot, boolean fresh) {
    }

    /** Takes a place on the first open connection with room (not in {@code full}), or on a new connection. */
    private synchronized Reserved reserve(Set<Slot> full) throws IOException {
        List<Slot> slots = new ArrayList<>();
        slots.add(new Slot(primary.get(), onPrimary));
        slots.addAll(extra);
        for (Slot slot : slots) {
            if (slot.connection().isOpen() && !full.contains(slot) && slot.channels().get() < perConnection) {
                slot.channels().incrementAndGet();
                return new Reserved(slot, false);
            }
        }
        try {
            Slot slot = new Slot(factory.newConnection(name + "#" + (extra.size() + 2)), new AtomicInteger(1));
            extra.add(slot);
            LOG.log(Level.INFO, "Roger opened consumer connection #{0} ({1} channels per connection)",
                    extra.size() + 1, perConnection);
            return new Reserved(slot, true);
        } catch (TimeoutException e) {
            throw new IOException("timed out opening another connection", e);
        }
    }

    /** Counted already; gives the place back when the channel closes for good. */
    private static Channel counted(Channel ch, Slot slot) {
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
