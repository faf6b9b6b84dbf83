package dev.roger.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The poison rule's count against the headers each broker version sends. The 3.10 and 4.0 sets were
 * recorded from RabbitMQ 3.10.8 and 4.0.5 (a quorum queue: first delivery, then after a closed
 * channel, a requeueing nack and a requeueing reject); the 4.3 sets are written from its release
 * notes and documentation (no 4.3 broker here): {@code x-acquired-count} counts every acquisition,
 * {@code x-delivery-count} only failed ones (not a nack, not a consumer timeout).
 */
class UnfinishedDeliveriesTest {

    private static long of(boolean redelivered, Map<String, Object> headers) {
        return UnfinishedDeliveries.of(headers, redelivered);
    }

    private static Map<String, Object> headers(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void rabbitmq310QuorumCountsEveryReturn() {
        assertEquals(0, of(true, headers("x-delivery-count", 0L)), "first delivery");
        assertEquals(1, of(true, headers("x-delivery-count", 1L)), "after a closed channel");
        assertEquals(2, of(true, headers("x-delivery-count", 2L)), "after a requeueing nack");
        assertEquals(3, of(true, headers("x-delivery-count", 3L)), "after a requeueing reject");
    }

    @Test
    void rabbitmq40QuorumSendsNoHeaderOnTheFirstDeliveryThenCountsEveryReturn() {
        assertEquals(0, of(true, null), "first delivery: no headers at all");
        assertEquals(1, of(true, headers("x-delivery-count", 1L)), "after a closed channel");
        assertEquals(3, of(true, headers("x-delivery-count", 3L)), "after a nack and a reject");
    }

    @Test
    void classicQueuesBefore43CountNothing() {
        assertEquals(0, of(true, null));
        assertEquals(0, of(true, headers("other", "x")));
    }

    @Test
    void rabbitmq43CountsAcquisitionsNotOnlyFailures() {
        // A node killed twice, then a consumer timeout (cancel, not a failure) and a requeueing nack:
        // four deliveries ended without an ack, of which 4.3 calls two failed.
        assertEquals(4, of(true, headers("x-delivery-count", 2L, "x-acquired-count", 4L)));
        // Consumer timeouts only: x-delivery-count stays 0, yet six deliveries never finished.
        assertEquals(6, of(true, headers("x-delivery-count", 0L, "x-acquired-count", 6L)));
        assertEquals(0, of(true, headers("x-delivery-count", 0L, "x-acquired-count", 0L)), "first");
    }

    /**
     * RabbitMQ 4.0.5, recorded: a message published with {@code x-delivery-count: 7} is first delivered
     * with that header unchanged (3.10.8 replaced it with 0), not marked redelivered.
     */
    @Test
    void aFirstDeliveryCountsZeroWhateverItsHeadersSay() {
        assertEquals(0, of(false, headers("x-delivery-count", 7L)));
        assertEquals(0, of(false, headers("x-acquired-count", 9L, "x-delivery-count", 7L)));
        assertEquals(7, of(true, headers("x-delivery-count", 7L)));
    }

    @Test
    void nonsenseIsZeroNotNegative() {
        assertEquals(0, of(true, headers("x-delivery-count", -3L)));
        assertEquals(0, of(true, headers("x-delivery-count", "7")));
        assertEquals(2, of(true, headers("x-acquired-count", "x", "x-delivery-count", 2)),
                "a broken x-acquired-count falls back to x-delivery-count");
    }
}
