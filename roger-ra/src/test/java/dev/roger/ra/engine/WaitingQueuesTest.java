package dev.roger.ra.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.admin.WaitingPartition;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitingQueuesTest {

    private Instant now = Instant.parse("2026-12-06T07:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aRefusedQueueWaitsWithTheBrokersReasonAndBacksOffUpToAMinute() {
        WaitingQueues waiting = new WaitingQueues(clock);
        assertTrue(waiting.due("p-q"), "a queue never tried may be tried");
        List<Long> backoffs = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            waiting.failed("p-q", "p", "q", new IOException("PRECONDITION_FAILED - inequivalent arg 'x-queue-type'"));
            WaitingPartition w = waiting.list().get(0);
            backoffs.add(Duration.between(now, w.nextTry()).toSeconds());
            assertFalse(waiting.due("p-q"), "not before its next try");
            now = w.nextTry();
            assertTrue(waiting.due("p-q"), "due at its next try");
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), backoffs);
        WaitingPartition w = waiting.list().get(0);
        assertEquals(9, w.attempts());
        assertEquals("PRECONDITION_FAILED - inequivalent arg 'x-queue-type'", w.reason());
        assertEquals(Instant.parse("2026-12-06T07:00:00Z"), w.since());

        waiting.consumed("p-q");
        assertEquals(List.of(), waiting.list());
    }

    @Test
    void aQueueNoLongerWantedStopsWaiting() {
        WaitingQueues waiting = new WaitingQueues(clock);
        waiting.failed("p-a", "p", "a", new IOException("ACCESS_REFUSED"));
        waiting.failed("p-b", "p", "b", new IOException("ACCESS_REFUSED"));
        waiting.retainOnly(Set.of("p-b"));
        assertEquals(List.of("b"), waiting.list().stream().map(WaitingPartition::queue).toList());
    }
}
