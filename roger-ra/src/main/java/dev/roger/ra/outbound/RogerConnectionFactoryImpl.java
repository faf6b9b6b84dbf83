package dev.roger.ra.outbound;

import dev.roger.api.spi.RogerConnection;
import dev.roger.api.spi.RogerConnectionFactory;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/** The factory applications look up; hands out connection handles through the container's pool. */
public class RogerConnectionFactoryImpl implements RogerConnectionFactory, Referenceable, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient RogerManagedConnectionFactory mcf;
    private final transient ConnectionManager manager;
    private Reference reference;

    RogerConnectionFactoryImpl(RogerManagedConnectionFactory mcf, ConnectionManager manager) {
        this.mcf = mcf;
        this.manager = manager;
    }

    @Override
    public RogerConnection getConnection() throws ResourceException {
        return (RogerConnection) manager.allocateConnection(mcf, null);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
