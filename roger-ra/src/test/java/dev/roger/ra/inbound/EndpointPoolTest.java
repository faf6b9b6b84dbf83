package dev.roger.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointPoolTest {

    private final List<MessageEndpoint> created = new ArrayList<>();
    private final List<MessageEndpoint> released = new ArrayList<>();
    private final EndpointPool pool = new EndpointPool((MessageEndpointFactory) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {MessageEndpointFactory.class},
            (p, m, a) -> m.getName().equals("createEndpoint") ? endpoint() : null));

    @Test
    void anEndpointWhoseDeliveryEndedCleanlyServesTheNextJob() throws Exception {
        MessageEndpoint first = pool.take();
        pool.giveBack(first, true);
        assertSame(first, pool.take());
        assertEquals(1, created.size());
        assertEquals(List.of(), released);
    }

    @Test
    void anEndpointWhoseDeliveryFailedIsReleasedNotReused() throws Exception {
        MessageEndpoint first = pool.take();
        pool.giveBack(first, false);
        assertEquals(List.of(first), released);
        assertNotSame(first, pool.take());
    }

    @Test
    void closingReleasesTheIdleOnesNowAndTheBusyOnesWhenTheirJobsEnd() throws Exception {
        MessageEndpoint idle = pool.take();
        MessageEndpoint busy = pool.take();
        pool.giveBack(idle, true);
        pool.close();
        assertEquals(List.of(idle), released);
        pool.giveBack(busy, true);
        assertEquals(List.of(idle, busy), released);
    }

    private MessageEndpoint endpoint() {
        MessageEndpoint[] self = new MessageEndpoint[1];
        self[0] = (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageEndpoint.class}, (p, m, a) -> switch (m.getName()) {
                    case "release" -> released.add(self[0]) ? null : null;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> null;
                });
        created.add(self[0]);
        return self[0];
    }
}
