package dev.roger.ra.inbound;

import dev.roger.client.wire.FailureHeaders;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

/**
 * Logs every job a buried queue dropped for its bounds (count or age): the broker dead-letters
 * them to the cluster's {@code roger.buried.dropped}, which every node of the cluster consumes;
 * each is logged once, at WARNING, with its id, queue, reason and why it was buried, then acked. That queue is bounded
 * too, in case no node runs for a long time.
 */
public final class DroppedBuriedLog {

    private static final System.Logger LOG = System.getLogger(DroppedBuriedLog.class.getName());

    private final String queue;
    private Channel channel;

    /** @param queue the cluster's queue of dropped buried jobs */
    public DroppedBuriedLog(String queue) {
        this.queue = queue;
    }

    /** Starts consuming unless it does; connection recovery keeps it afterwards. */
    public synchronized void ensureOpen(Connection connection) throws IOException {
        if (channel != null && channel.isOpen()) {
            return;
        }
        Channel ch = connection.createChannel();
        ch.queueDeclare(queue, true, false, false,
                Map.of("x-queue-type", "classic", "x-max-length", 100_000, "x-message-ttl", 7L * 24 * 3600 * 1000));
        ch.basicQos(100);
        ch.basicConsume(queue, false, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                log(props);
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        });
        channel = ch;
    }

    private static void log(AMQP.BasicProperties props) {
        Map<String, Object> headers = props.getHeaders();
        String queue = "?";
        String why = "?";
        Object death = headers == null ? null : headers.get("x-death");
        if (death instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            queue = String.valueOf(first.get("queue"));
            why = "maxlen".equals(String.valueOf(first.get("reason"))) ? "over its length bound (buriedMaxLength)"
                    : "expired".equals(String.valueOf(first.get("reason"))) ? "older than buriedMaxAgeDays"
                    : String.valueOf(first.get("reason"));
        }
        LOG.log(Level.WARNING, "Buried job {0} was dropped from {1}, {2}; it had been buried for: {3}",
                props.getMessageId(), queue, why, FailureHeaders.text(headers, FailureHeaders.REASON));
    }

    public synchronized void close() {
        if (channel != null && channel.isOpen()) {
            try {
                channel.abort();
            } catch (IOException | RuntimeException ignored) {
                // Closing anyway.
            }
        }
        channel = null;
    }
}
