package dev.roger.client.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrokerVersionTest {

    @Test
    void theVersionsBrokersAnnounceAreRead() {
        assertEquals(new BrokerVersion(3, 10, 8), BrokerVersion.parse("3.10.8"));
        assertEquals(new BrokerVersion(4, 0, 5), BrokerVersion.parse("4.0.5"));
        assertEquals(new BrokerVersion(4, 3, 0), BrokerVersion.parse("4.3.0-rc.1"));
        assertEquals(new BrokerVersion(0, 0, 0), BrokerVersion.parse(null));
        assertEquals(new BrokerVersion(0, 0, 0), BrokerVersion.parse("unknown"));
    }

    @Test
    void consumerTimeoutArgumentsCameWith312() {
        assertFalse(BrokerVersion.parse("3.10.8").atLeast(3, 12));
        assertFalse(BrokerVersion.parse("3.11.28").atLeast(3, 12));
        assertTrue(BrokerVersion.parse("3.12.0").atLeast(3, 12));
        assertTrue(BrokerVersion.parse("4.0.5").atLeast(3, 12));
        assertFalse(BrokerVersion.parse("").atLeast(3, 12), "a broker that does not say is taken as the oldest");
    }
}
