package dev.roger.itps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The test's own view of RabbitMQ, independent of Roger: queue counts, message ids, clean-up. */
final class BrokerProbe implements AutoCloseable {

    private final Connection connection;

    BrokerProbe(String uri) {
        try {
            ConnectionFactory cf = new ConnectionFactory();
            cf.setUri(uri);
            cf.setAutomaticRecoveryEnabled(false);
            connection = cf.newConnection("roger-ps-test-probe");
        } catch (Exception e) {
            throw new IllegalStateException("test probe cannot reach RabbitMQ at " + uri + ": " + e, e);
        }
    }

    /** Ready messages in a queue, or -1 when it does not exist. */
    int messages(String queue) {
        try (Channel ch = connection.createChannel()) {
            AMQP.Queue.DeclareOk ok = ch.queueDeclarePassive(queue);
            return ok.getMessageCount();
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * The message ids in a queue, read without taking them: every message is fetched unacknowledged
     * and goes back to the queue when the channel closes.
     */
    List<String> messageIds(String queue) {
        List<String> ids = new ArrayList<>();
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

    /** Deletes queues, ignoring those that do not exist. */
    void delete(String... queues) {
        for (String q : queues) {
            try (Channel ch = connection.createChannel()) {
                ch.queueDelete(q);
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                // Not there: nothing to clean.
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | RuntimeException ignored) {
            // Lost the broker: nothing to close.
        }
    }
}
