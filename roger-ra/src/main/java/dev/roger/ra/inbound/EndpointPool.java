package dev.roger.ra.inbound;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.System.Logger.Level;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * One bean's idle message endpoints, reused from job to job as JMS adapters reuse theirs (an
 * endpoint may serve many deliveries, one at a time). Creating one per job was 6 % of a Payara
 * node's CPU per job (measured with JFR). Only an endpoint whose last delivery ended cleanly comes
 * back; the others, and every idle one once the bean is deactivated, are released.
 */
final class EndpointPool {

    private static final System.Logger LOG = System.getLogger(EndpointPool.class.getName());

    private final MessageEndpointFactory factory;
    private final Deque<MessageEndpoint> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    EndpointPool(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    MessageEndpoint take() throws UnavailableException {
        MessageEndpoint endpoint = idle.pollFirst();
        return endpoint != null ? endpoint : factory.createEndpoint(null);
    }

    /** @param clean whether its delivery ended without an exception from the bean or the container */
    void giveBack(MessageEndpoint endpoint, boolean clean) {
        if (!clean || closed) {
            release(endpoint);
            return;
        }
        idle.addFirst(endpoint);
        if (closed) {
            // Closed between the check and the add: nobody else will release it.
            releaseIdle();
        }
    }

    /** The bean is deactivated: idle endpoints are released now, busy ones when their delivery ends. */
    void close() {
        closed = true;
        releaseIdle();
    }

    private void releaseIdle() {
        for (MessageEndpoint endpoint; (endpoint = idle.pollFirst()) != null; ) {
            release(endpoint);
        }
    }

    private static void release(MessageEndpoint endpoint) {
        try {
            endpoint.release();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Releasing a message endpoint failed", e);
        }
    }
}
