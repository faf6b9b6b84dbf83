package dev.roger.it.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.roger.testing.Await;
import dev.roger.testing.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a quorum queue reports as {@code x-delivery-count} for a message published with a stale
 * one (as Roger's copies did before they dropped it): RabbitMQ 3.10 replaces it with its own count,
 * 0 on the first delivery; RabbitMQ 4.0 passes it through until the first return. Either way the
 * first delivery is not marked redelivered, which is why Roger's poison rule counts nothing for it
 * ({@code UnfinishedDeliveriesTest}), and after a return both brokers report their own count.
 * (Roger's copies no longer carry the header at all: {@code JobRunnerTest} and {@code FailureHeadersTest}.)
 */
class QuorumDeliveryCountIT {

    @Test
    void aCopyCarryingAStaleDeliveryCountIsReportedWithTheBrokersOwnCount() throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(TestBroker.uri());
        String queue = "dcount-" + System.nanoTime();
        try (Connection connection = cf.newConnection("roger-test-dcount"); Channel ch = connection.createChannel()) {
            ch.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
            try {
                ch.confirmSelect();
                ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2)
                        .headers(Map.of("x-delivery-count", 7)).build(), "{}".getBytes(StandardCharsets.UTF_8));
                ch.waitForConfirmsOrDie(5000);

                GetResponse first = get(ch, queue);
                int major = Integer.parseInt(connection.getServerProperties().get("version").toString().split("\\.")[0]);
                assertEquals(major >= 4 ? 7 : 0, count(first), "first delivery of the copy on RabbitMQ "
                        + connection.getServerProperties().get("version"));
                assertFalse(first.getEnvelope().isRedeliver(), "the first delivery is not marked redelivered");
                ch.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
                GetResponse second = get(ch, queue);
                assertEquals(1, count(second), "after one return to the queue");
                assertTrue(second.getEnvelope().isRedeliver(), "after a return it is marked redelivered");
                ch.basicAck(second.getEnvelope().getDeliveryTag(), false);
            } finally {
                ch.queueDelete(queue);
            }
        }
    }

    private static GetResponse get(Channel ch, String queue) {
        return Await.value("a message in " + queue, Duration.ofSeconds(10), () -> {
            try {
                return ch.basicGet(queue, false);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static int count(GetResponse r) {
        Object v = r.getProps().getHeaders() == null ? null : r.getProps().getHeaders().get("x-delivery-count");
        return v instanceof Number n ? n.intValue() : -1;
    }
}
