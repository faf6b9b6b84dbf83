package dev.roger.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void theDefaultIsTheOriginalSchedule() {
        assertEquals(List.of(1, 3, 5, 10, 20, 35, 60, 100, 200, 400, 1000, 1800), RetrySchedule.DEFAULT.levels());
        assertEquals(Optional.of(Duration.ofSeconds(1)), RetrySchedule.DEFAULT.delayAfter(1));
        assertEquals(Optional.of(Duration.ofSeconds(1800)), RetrySchedule.DEFAULT.delayAfter(12));
        assertEquals(Optional.empty(), RetrySchedule.DEFAULT.delayAfter(13), "13 attempts: buried");
    }

    @Test
    void levelsOfOneSecondGiveThreeRetriesThenBurial() {
        RetrySchedule s = RetrySchedule.parse("retryLevels", " 1, 1,1 ");
        assertEquals(Optional.of(Duration.ofSeconds(1)), s.delayAfter(1));
        assertEquals(Optional.of(Duration.ofSeconds(1)), s.delayAfter(3));
        assertEquals(Optional.empty(), s.delayAfter(4));
    }

    @Test
    void zeroMeansAnImmediateRetryAndEmptyMeansNone() {
        assertEquals(Optional.of(Duration.ZERO), RetrySchedule.parse("retryLevels", "0").delayAfter(1));
        assertEquals(Optional.empty(), RetrySchedule.parse("retryLevels", "").delayAfter(1));
    }

    @Test
    void badLevelsAreRefusedNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetrySchedule.parse("retryLevels", "1,x"));
        assertTrue(e.getMessage().contains("retryLevels '1,x'") && e.getMessage().contains("'x'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("retryLevels", "1,-3"));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }
}
