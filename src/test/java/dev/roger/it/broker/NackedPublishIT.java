package dev.roger.it.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.amqp.NackedException;
import dev.roger.testing.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Roger's publisher does when RabbitMQ nacks a message (refuses responsibility for it): it
 * publishes that message again, only the nacked ones, and fails only when the broker keeps
 * refusing. A classic queue with {@code x-overflow: reject-publish} nacks on demand; in production
 * the nack that made this necessary came from a quorum queue still being created by another process.
 */
class NackedPublishIT {

    private static final AMQP.BasicProperties PERSISTENT = new AMQP.BasicProperties.Builder().deliveryMode(2).build();

    private Connection connection;
    private Channel admin;
    private ConfirmPublisher publisher;
    private final String queue = "nacked-" + System.nanoTime();

    @BeforeEach
    void connect() throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(TestBroker.uri());
        connection = cf.newConnection("roger-test-nacked");
        admin = connection.createChannel();
        publisher = new ConfirmPublisher(() -> connection, Duration.ofSeconds(10));
    }

    @AfterEach
    void cleanUp() throws Exception {
        publisher.close();
        admin.queueDelete(queue);
        connection.close();
    }

    @Test
    void aNackedMessageIsPublishedAgainAndStoredOnce() throws Exception {
        declareBounded(1);
        publishDirect("filler");
        List<Integer> retries = new CopyOnWriteArrayList<>();
        publisher.onNackedRetry(n -> {
            retries.add(n);
            try {
                admin.queuePurge(queue); // room for it before the next try
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        publisher.publishAll(List.of(message("job-1")));

        assertEquals(List.of(1), retries, "nacked once, then published again");
        assertEquals(List.of("job-1"), drain(), "the queue holds the job exactly once");
    }

    @Test
    void onlyTheNackedMessagesArePublishedAgainAndAFailureSaysHowMany() throws Exception {
        declareBounded(2);
        List<Integer> retries = new CopyOnWriteArrayList<>();
        publisher.onNackedRetry(retries::add);

        NackedException e = assertThrows(NackedException.class,
                () -> publisher.publishAll(List.of(message("a"), message("b"), message("c"))));

        assertEquals(List.of(1, 1, 1), retries, "only the third was refused, and tried again each time");
        assertEquals(List.of("a", "b"), drain(), "the stored ones were not published twice");
        assertEquals("RabbitMQ refused (nacked) 1 of 3 messages for " + queue + ", also when published again 3 times",
                e.getMessage());
    }

    private void declareBounded(int maxLength) throws Exception {
        admin.queueDeclare(queue, true, false, false,
                Map.of("x-queue-type", "classic", "x-max-length", maxLength, "x-overflow", "reject-publish"));
    }

    private void publishDirect(String body) throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.confirmSelect();
            ch.basicPublish("", queue, PERSISTENT, body.getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(5000);
        }
    }

    private ConfirmPublisher.Message message(String body) {
        return new ConfirmPublisher.Message(queue, PERSISTENT, body.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> drain() throws Exception {
        List<String> bodies = new ArrayList<>();
        GetResponse r;
        while ((r = admin.basicGet(queue, true)) != null) {
            bodies.add(new String(r.getBody(), StandardCharsets.UTF_8));
        }
        return bodies;
    }
}
