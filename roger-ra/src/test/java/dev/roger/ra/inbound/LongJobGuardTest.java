package dev.roger.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.AMQImpl;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The guard's readings of what the broker says; its detaching is covered by LongJobsIT against a broker. */
class LongJobGuardTest {

    @Test
    void theBrokersTimeoutIsReadFromTheChannelCloseItSends() {
        // RabbitMQ 3.10's words, as measured.
        String text = "PRECONDITION_FAILED - delivery acknowledgement on channel 6 timed out. Timeout value used: "
                + "10000 ms. This timeout value can be configured, see consumers doc guide to learn more";
        assertEquals(OptionalLong.of(10_000), LongJobGuard.consumerTimeout(close(406, text)));
    }

    @Test
    void otherChannelClosesSayNothingAboutTheTimeout() {
        assertTrue(LongJobGuard.consumerTimeout(close(406, "PRECONDITION_FAILED - inequivalent arg 'x-queue-type'"))
                .isEmpty());
        assertTrue(LongJobGuard.consumerTimeout(close(404, "NOT_FOUND - Timeout value used: 5 ms")).isEmpty());
    }

    @Test
    void aCopyThatCameBackCarriesTheRunsLostWhileItWasDetached() {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .headers(Map.of(HeldCopies.LOST_RUNS, 3)).build();
        assertEquals(3, LongJobGuard.lostRuns(props));
        assertEquals(0, LongJobGuard.lostRuns(new AMQP.BasicProperties.Builder().build()));
    }

    @Test
    void runsLostWhileDetachedCountAsDeliveriesThatEndedWithoutAnAck() throws Exception {
        // What JobRunner compares with its limit of unfinished deliveries (poison).
        Channel channel = (Channel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Channel.class},
                (p, m, a) -> m.getName().equals("basicConsume") ? "tag" : null);
        QueueConsumer consumer = QueueConsumer.start(channel, "p-q", "p", "q", 1, null);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .headers(Map.of("x-delivery-count", 2, HeldCopies.LOST_RUNS, 3)).build();
        assertEquals(5, new Delivery(consumer, 1, props, new byte[0], true).deliveryCount());
    }

    @Test
    void aNodeNameTooLongForAQueueNameIsDigested() {
        assertEquals("roger.held.host:42", HeldCopies.queueName("host:42"));
        String name = HeldCopies.queueName("n".repeat(300));
        assertTrue(name.startsWith("roger.held.") && name.length() < 255, name);
    }

    private static ShutdownSignalException close(int code, String text) {
        AMQImpl.Channel.Close reason = new AMQImpl.Channel.Close(code, text, 0, 0);
        return new ShutdownSignalException(false, false, reason, null);
    }
}
