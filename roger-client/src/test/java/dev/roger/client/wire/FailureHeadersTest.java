package dev.roger.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureHeadersTest {

    private static final Instant T1 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-22T10:00:05Z");

    @Test
    void aFirstFailureRecordsErrorAttemptsNodeAndBothTimes() {
        Map<String, Object> h = FailureHeaders.of(Map.of("app", "kept"), "job failed: boom",
                new IllegalStateException("boom"), 1, "node-a", T1);
        assertEquals("kept", h.get("app"));
        assertEquals("job failed: boom", h.get(FailureHeaders.REASON));
        assertEquals(1, h.get(FailureHeaders.ATTEMPTS));
        assertEquals("node-a", h.get(FailureHeaders.NODE));
        assertEquals(T1.toString(), h.get(FailureHeaders.FIRST_FAILED_AT));
        assertEquals(T1.toString(), h.get(FailureHeaders.FAILED_AT));
        assertEquals("java.lang.IllegalStateException", h.get(FailureHeaders.ERROR_CLASS));
        assertEquals("boom", h.get(FailureHeaders.ERROR_MESSAGE));
        assertTrue(h.get(FailureHeaders.STACK).toString().startsWith("java.lang.IllegalStateException: boom\n\tat "));
    }

    @Test
    void retryAndBuriedCopiesDoNotCarryTheBrokersDeliveryCounters() {
        Map<String, Object> h = FailureHeaders.of(Map.of("x-delivery-count", 6, "x-acquired-count", 2, "app", "kept"),
                "r", null, 1, "a", T1);
        assertFalse(h.containsKey("x-delivery-count"));
        assertFalse(h.containsKey("x-acquired-count"));
        assertEquals("kept", h.get("app"));
    }

    @Test
    void aLaterFailureKeepsTheFirstTimeAndReplacesTheError() {
        Map<String, Object> first = FailureHeaders.of(null, "r1", new IllegalStateException("one"), 1, "a", T1);
        Map<String, Object> withDeath = new java.util.HashMap<>(first);
        withDeath.put("x-death", List.of(Map.of("queue", "p-q.retry.1")));
        withDeath.put("x-first-death-queue", "p-q.retry.1");
        Map<String, Object> second = FailureHeaders.of(withDeath, "r2", null, 2, "b", T2);
        assertEquals(T1.toString(), second.get(FailureHeaders.FIRST_FAILED_AT));
        assertEquals(T2.toString(), second.get(FailureHeaders.FAILED_AT));
        assertEquals(2, second.get(FailureHeaders.ATTEMPTS));
        assertEquals("b", second.get(FailureHeaders.NODE));
        assertNull(second.get(FailureHeaders.ERROR_CLASS), "no error this time: the old one must not linger");
        assertFalse(second.containsKey("x-death"));
        assertFalse(second.containsKey("x-first-death-queue"));
    }

    @Test
    void longMessagesAreCutAndTextReadsBrokerStrings() {
        Map<String, Object> h = FailureHeaders.of(null, "x".repeat(5000), new RuntimeException("m".repeat(5000)), 1,
                "n", T1);
        assertEquals(1003, h.get(FailureHeaders.REASON).toString().length());
        assertEquals(1003, h.get(FailureHeaders.ERROR_MESSAGE).toString().length());
        assertEquals("n", FailureHeaders.text(h, FailureHeaders.NODE));
        assertNull(FailureHeaders.text(null, FailureHeaders.NODE));
    }
}
