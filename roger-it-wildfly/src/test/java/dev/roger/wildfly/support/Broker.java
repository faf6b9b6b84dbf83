package dev.roger.wildfly.support;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.util.Optional;

/** Looks at the test broker from the test JVM: queue depths and messages, without the server's help. */
public final class Broker implements AutoCloseable {

    private final Connection connection;

    private Broker(Connection connection) {
        this.connection = connection;
    }

    public static Broker connect() {
        try {
            ConnectionFactory cf = new ConnectionFactory();
            cf.setUri(System.getProperty("roger.amqp.uri", "amqp://guest:guest@127.0.0.1:5672"));
            cf.setAutomaticRecoveryEnabled(false);
            return new Broker(cf.newConnection("roger-it-wildfly"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to the test broker: " + e, e);
        }
    }

    /** Ready messages in the queue; empty when the queue does not exist. */
    public Optional<Integer> messages(String queue) {
        try (Channel ch = connection.createChannel()) {
            return Optional.of(ch.queueDeclarePassive(queue).getMessageCount());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Consumers of the queue; 0 when it does not exist. */
    public int consumers(String queue) {
        try (Channel ch = connection.createChannel()) {
            return ch.queueDeclarePassive(queue).getConsumerCount();
        } catch (Exception e) {
            return 0;
        }
    }

    /** The message ids in the queue, read without removing anything (unacked gets go back when the channel closes). */
    public java.util.List<String> messageIds(String queue) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        try (Channel ch = connection.createChannel()) {
            GetResponse r;
            while ((r = ch.basicGet(queue, false)) != null) {
                ids.add(r.getProps().getMessageId());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + queue + ": " + e, e);
        }
        return ids;
    }

    /** Deletes the queues; missing ones are skipped. */
    public void delete(Iterable<String> queues) {
        for (String q : queues) {
            try (Channel ch = connection.createChannel()) {
                ch.queueDelete(q);
            } catch (Exception e) {
                // Absent (never declared by this run) or already gone: nothing to clean.
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            // The connection is only for looking; closing it cannot lose anything.
        }
    }
}
