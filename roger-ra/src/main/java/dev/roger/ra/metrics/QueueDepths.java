package dev.roger.ra.metrics;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.roger.client.amqp.Channels;
import dev.roger.client.amqp.Errors;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Reads queues' ready counts from the broker by passive declares, on a channel of its own that
 * lives from one scrape to the next: a missing or refused queue closes it (404, 403, 405), and
 * the next read opens another. One scrape at a time ({@link NodeMetrics} serializes them).
 */
final class QueueDepths {

    private final Supplier<Connection> connection;
    private Channel channel;

    QueueDepths(Supplier<Connection> connection) {
        this.connection = connection;
    }

    /** Ready messages in {@code queue}; empty when the broker cannot or will not say. */
    OptionalLong ready(String queue) {
        try {
            if (channel == null || !channel.isOpen()) {
                channel = Channels.open(connection);
            }
            return OptionalLong.of(channel.queueDeclarePassive(queue).getMessageCount());
        } catch (IOException | RuntimeException e) {
            // Not found, refused, or no connection: the gauge is left out for this scrape.
            if (!(Errors.isChannelClose(e, Errors.NOT_FOUND) || Errors.isChannelClose(e, 403)
                    || Errors.isChannelClose(e, 405))) {
                close();
            }
            channel = null;
            return OptionalLong.empty();
        }
    }

    void close() {
        Channel c = channel;
        channel = null;
        if (c != null && c.isOpen()) {
            try {
                c.close();
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                // Gone either way.
            }
        }
    }
}
