package dev.roger.client.admin;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.roger.client.amqp.Channels;
import dev.roger.client.amqp.Errors;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads queues' counts from the broker by passive declares on a channel of its own: a queue that
 * does not exist closes the channel (404), so the next read opens another. Not thread-safe: one
 * per operation.
 */
final class BrokerQueues implements AutoCloseable {

    private final Supplier<Connection> connection;
    private Channel channel;

    BrokerQueues(Supplier<Connection> connection) {
        this.connection = connection;
    }

    /**
     * The queue's ready messages and consumers; empty when it does not exist or the broker refuses
     * to tell (another connection holds it exclusively, access refused): the node that cannot
     * consume it lists it as waiting, with the broker's words.
     */
    Optional<AMQP.Queue.DeclareOk> counts(String queue) throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = Channels.open(connection);
        }
        try {
            return Optional.of(channel.queueDeclarePassive(queue));
        } catch (IOException e) {
            if (Errors.isChannelClose(e, Errors.NOT_FOUND) || Errors.isChannelClose(e, 403)
                    || Errors.isChannelClose(e, 405)) {
                channel = null;
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                // Gone either way.
            }
        }
    }
}
