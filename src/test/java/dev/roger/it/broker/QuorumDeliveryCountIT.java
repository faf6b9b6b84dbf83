package dev.roger.it.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * What a quorum queue reports as {@code x-delivery-count} for a copy that Roger republished with
 * the header of the message it copied (as Roger did before it dropped it): the broker's own count,
 * 0 on the first delivery, never the stale one. Roger's poison rule reads this header, so a healthy
 * put-back job is never counted as poison. (Roger's copies no longer carry the header at all:
 * {@code JobRunnerTest} and {@code FailureHeadersTest}.)
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
                assertEquals(0, count(first), "first delivery of the copy");
                ch.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
                GetResponse second = get(ch, queue);
                assertEquals(1, count(second), "after one return to the queue");
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
