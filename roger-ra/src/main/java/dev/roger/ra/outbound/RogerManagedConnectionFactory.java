package dev.roger.ra.outbound;

import dev.roger.api.spi.RogerConnection;
import dev.roger.api.spi.RogerConnectionFactory;
import dev.roger.ra.RogerResourceAdapter;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * Outbound connections to the adapter's engine. A managed connection holds no AMQP resources of
 * its own (the engine's publisher channels are shared), so pooling them is cheap.
 */
@ConnectionDefinition(
        connectionFactory = RogerConnectionFactory.class,
        connectionFactoryImpl = RogerConnectionFactoryImpl.class,
        connection = RogerConnection.class,
        connectionImpl = RogerConnectionHandle.class)
public class RogerManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    private transient RogerResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        return new RogerConnectionFactoryImpl(this, manager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new jakarta.resource.NotSupportedException("Roger runs in an application server only; "
                + "outside one, use dev.roger.client.AmqpRogerClient");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        return new RogerManagedConnection(resourceAdapter.requireEngine());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        for (Object candidate : candidates) {
            if (candidate instanceof RogerManagedConnection mc) {
                return mc;
            }
        }
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        this.resourceAdapter = (RogerResourceAdapter) ra;
    }

    // All instances of one adapter are interchangeable: there is no per-factory configuration.
    @Override
    public boolean equals(Object o) {
        return o instanceof RogerManagedConnectionFactory other && other.resourceAdapter == resourceAdapter;
    }

    @Override
    public int hashCode() {
        return resourceAdapter == null ? 0 : resourceAdapter.hashCode();
    }
}
