package dev.roger.client.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerAddressesTest {

    @Test
    void aHostListKeepsCredentialsAndVirtualHostOnceAndFillsInPorts() {
        BrokerAddresses b = BrokerAddresses.parse("amqp://u:p@h1:5721, h2:5722,h3/prod?heartbeat=5");
        assertTrue(b.isList());
        assertEquals(List.of(new Address("h1", 5721), new Address("h2", 5722), new Address("h3", 5672)), b.addresses());
        assertEquals("amqp://u:p@h1:5721/prod?heartbeat=5", b.singleHostUri());
        assertEquals("h1:5721,h2:5722,h3:5672", b.describe());
    }

    @Test
    void tlsListsDefaultTo5671AndIpv6IsBracketed() {
        BrokerAddresses b = BrokerAddresses.parse("amqps://h1,[::1]:5673");
        assertEquals(List.of(new Address("h1", 5671), new Address("[::1]", 5673)), b.addresses());
        assertEquals("amqps://h1", b.singleHostUri());
    }

    @Test
    void anOrdinaryUriIsLeftAsItIs() {
        for (String uri : List.of("amqp://u:p@h:5672/v", "amqp://h", "amqp://u:a,b@h/v", "not a uri")) {
            BrokerAddresses b = BrokerAddresses.parse(uri);
            assertFalse(b.isList(), uri);
            assertEquals(uri, b.singleHostUri());
        }
    }

    @Test
    void anEmptyAddressIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrokerAddresses.parse("amqp://u:p@h1,,h3/v"));
        assertEquals("empty address in the host list 'h1,,h3'", e.getMessage());
    }
}
