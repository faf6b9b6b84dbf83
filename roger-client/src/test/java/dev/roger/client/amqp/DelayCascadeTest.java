package dev.roger.client.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DelayCascadeTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void aDelayIsCountedInTenthsOfASecondRoundedUpSoAJobIsNeverEarly() {
        assertEquals(0, DelayCascade.units(NOW, NOW));
        assertEquals(0, DelayCascade.units(NOW, NOW.minusSeconds(5)), "a time in the past is due now");
        assertEquals(1, DelayCascade.units(NOW, NOW.plusMillis(1)));
        assertEquals(30, DelayCascade.units(NOW, NOW.plusSeconds(3)));
        assertEquals(31, DelayCascade.units(NOW, NOW.plusMillis(3_001)));
        assertEquals(365L * 24 * 3600 * 10, DelayCascade.units(NOW, NOW.plus(Duration.ofDays(365))));
    }

    @Test
    void theRoutingKeyIsTheDelaysBinaryDigitsHighestFirst() {
        String key = DelayCascade.routingKey(30);
        assertEquals(DelayCascade.LEVELS, key.split("\\.").length);
        assertEquals("0.".repeat(25) + "1.1.1.1.0", key, "30 = 11110 in binary");
        assertEquals("1.".repeat(29) + "1", DelayCascade.routingKey((1L << 30) - 1));
        assertEquals(4, DelayCascade.firstLevel(30), "30 tenths wait first in level 4 (1.6 s)");
        assertEquals(0, DelayCascade.firstLevel(1));
    }

    @Test
    void aYearWaitsFirstInLevel28() {
        long units = DelayCascade.units(NOW, NOW.plus(Duration.ofDays(365)));
        assertEquals(28, DelayCascade.firstLevel(units), "2^28 x 100 ms = 310 days <= 1 year < 2^29 x 100 ms");
    }

    @Test
    void delaysBeyondTheCascadeAreRefusedNamingTheLimit() {
        Instant tooFar = NOW.plus(DelayCascade.UNIT.multipliedBy(1L << 30));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DelayCascade.units(NOW, tooFar));
        assertEquals(true, e.getMessage().contains("longest"), e.getMessage());
        assertEquals((1L << 30) - 1, DelayCascade.units(NOW, tooFar.minus(DelayCascade.UNIT)));
    }

    @Test
    void eachLevelHasItsNameInItsCluster() {
        assertEquals("roger.delay.00", BrokerNames.DEFAULT.delayLevel(0));
        assertEquals("roger.delay.29", BrokerNames.DEFAULT.delayLevel(29));
        assertEquals("blue.roger.delay.07", BrokerNames.of("blue").delayLevel(7));
        assertEquals("blue.roger.delay.delivery", BrokerNames.of("blue").delayDelivery());
        assertThrows(IllegalArgumentException.class, () -> BrokerNames.DEFAULT.delayLevel(30));
    }
}
