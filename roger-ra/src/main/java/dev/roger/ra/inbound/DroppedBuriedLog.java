package dev.roger.ra.inbound;

import dev.roger.client.wire.FailureHeaders;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.roger.client.buried.BuriedLog;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Logs every job a buried queue dropped for its bounds (count or age): the broker dead-letters
 * them to the cluster's {@code roger.buried.dropped}, which every node of the cluster consumes;
 * each is logged once, at WARNING, with its id, queue, reason and why it was buried, recorded as
 * removed in the buried log, then acked. That queue is bounded too, in case no node runs for a
 * long time.
 */
public final class DroppedBuriedLog {

    private static final System.Logger LOG = System.getLogger(DroppedBuriedLog.class.getName());

    private final String queue;
    private final BuriedLog buriedLog;
    private Channel channel;

    /**
     * @param queue     the cluster's queue of dropped buried jobs
     * @param buriedLog where each drop is recorded, so listings no longer show the job
     */
    public DroppedBuriedLog(String queue, BuriedLog buriedLog) {
        this.queue = queue;
        this.buriedLog = buriedLog;
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
        ch.confirmSelect();
        ch.basicConsume(queue, false, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                String from = droppedFrom(props);
                // Recorded before it is logged: whoever reads the warning finds the listing agrees.
                recordRemoval(getChannel(), from, props);
                log(props, from);
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        });
        channel = ch;
    }

    private void recordRemoval(Channel ch, String from, AMQP.BasicProperties props) {
        Object burial = props.getHeaders() == null ? null : props.getHeaders().get(BuriedLog.BURIAL);
        if (burial == null) {
            return;
        }
        try {
            buriedLog.removed(ch, from, burial.toString(), props.getMessageId());
            ch.waitForConfirmsOrDie(10_000);
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record in the buried log that job {0} was dropped from {1}; listings "
                    + "may show it still: {2}", props.getMessageId(), from, String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The broker's dead-letter record of the drop: the first x-death entry, if any. */
    private static Map<?, ?> death(AMQP.BasicProperties props) {
        Object death = props.getHeaders() == null ? null : props.getHeaders().get("x-death");
        return death instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first ? first
                : Map.of();
    }

    /** The buried queue it was dropped from. */
    private static String droppedFrom(AMQP.BasicProperties props) {
        Object queue = death(props).get("queue");
        return queue == null ? "?" : queue.toString();
    }

    private static void log(AMQP.BasicProperties props, String queue) {
        Object reason = death(props).get("reason");
        String why = reason == null ? "?"
                : "maxlen".equals(reason.toString()) ? "over its length bound (buriedMaxLength)"
                : "expired".equals(reason.toString()) ? "older than buriedMaxAgeDays"
                : reason.toString();
        LOG.log(Level.WARNING, "Buried job {0} was dropped from {1}, {2}; it had been buried for: {3}",
                props.getMessageId(), queue, why, FailureHeaders.text(props.getHeaders(), FailureHeaders.REASON));
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
