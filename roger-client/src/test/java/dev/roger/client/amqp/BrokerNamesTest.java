package dev.roger.client.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerNamesTest {

    private static List<String> all(BrokerNames names) {
        return List.of(names.controlExchange(), names.membersQueue(), names.buriedDropped(), names.ownerQueue("acme"),
                names.mainQueue("acme", "mail"), names.buriedQueue("acme", "mail"), names.waitingQueue("acme", "k.1"));
    }

    @Test
    void theDefaultClusterKeepsTodaysNames() {
        assertEquals(List.of("roger.control", "roger.nodes", "roger.buried.dropped", "roger.owner.acme",
                "acme-mail", "acme-mail.buried", "acme-execution-waiting-k.1"), all(BrokerNames.DEFAULT));
        assertEquals(Optional.empty(), BrokerNames.DEFAULT.cluster());
    }

    @Test
    void aNamedClusterPrefixesEveryName() {
        BrokerNames blue = BrokerNames.of("blue");
        assertEquals(List.of("blue.roger.control", "blue.roger.nodes", "blue.roger.buried.dropped",
                "blue.roger.owner.acme", "blue.acme-mail", "blue.acme-mail.buried", "blue.acme-execution-waiting-k.1"),
                all(blue));
        assertEquals(Optional.of("blue"), blue.cluster());
        assertEquals(blue, BrokerNames.of("blue"));
        assertNotEquals(blue, BrokerNames.of("green"));
        assertNotEquals(blue, BrokerNames.DEFAULT);
    }

    @Test
    void anInvalidClusterIsRefusedNamingTheValueAndTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BrokerNames.of("prod.eu"));
        assertTrue(e.getMessage().contains("'prod.eu'") && e.getMessage().contains("1 to 15 characters"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BrokerNames.of(null));
        assertThrows(IllegalArgumentException.class, () -> BrokerNames.of("a-very-long-cluster"));
    }

    @Test
    void partitionAndQueueRulesStillApply() {
        assertThrows(IllegalArgumentException.class, () -> BrokerNames.of("blue").mainQueue("a.b", "mail"));
        assertThrows(IllegalArgumentException.class, () -> BrokerNames.of("blue").mainQueue("acme", "a-b"));
    }

    @Test
    void aMainQueueNamesItsPartitionInItsClusterOnly() {
        assertEquals(Optional.of("acme-eu"), BrokerNames.DEFAULT.partitionOf("acme-eu-mail"), "the last '-' ends the partition");
        assertEquals(Optional.of("acme"), BrokerNames.of("blue").partitionOf("blue.acme-default"));
        assertEquals(Optional.empty(), BrokerNames.of("blue").partitionOf("acme-default"), "another cluster's");
        assertEquals(Optional.empty(), BrokerNames.DEFAULT.partitionOf("roger.dead-lettered"), "not a main queue");
        assertEquals(Optional.empty(), BrokerNames.DEFAULT.partitionOf("acme-"));
        assertEquals(Optional.empty(), BrokerNames.DEFAULT.partitionOf(null));
        assertEquals("blue.roger.dead-lettered", BrokerNames.of("blue").deadLettered());
    }
}
