package dev.roger.ejb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RogerOutboxRelayTest {

    @Test
    void failedPollsDoubleTheWaitUpToThirtySeconds() {
        Duration poll = Duration.ofMillis(200);
        assertEquals(poll, RogerOutboxRelay.delay(poll, 0));
        assertEquals(Duration.ofMillis(400), RogerOutboxRelay.delay(poll, 1));
        assertEquals(Duration.ofMillis(25_600), RogerOutboxRelay.delay(poll, 7));
        assertEquals(Duration.ofSeconds(30), RogerOutboxRelay.delay(poll, 8));
        assertEquals(Duration.ofSeconds(30), RogerOutboxRelay.delay(poll, 1_000));
    }

    @Test
    void aPollIntervalOverThirtySecondsIsKeptAfterFailures() {
        assertEquals(Duration.ofMinutes(10), RogerOutboxRelay.delay(Duration.ofMinutes(10), 3));
    }
}
