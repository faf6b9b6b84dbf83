package dev.roger.ra.outbound;

import dev.roger.ra.engine.RogerEngine;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/** A pooled connection to the engine; handles delegate to the engine, so it holds no broker resources. */
final class RogerManagedConnection implements ManagedConnection {

    private final RogerEngine engine;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<RogerConnectionHandle> handles = new CopyOnWriteArrayList<>();
    private PrintWriter logWriter;

    RogerManagedConnection(RogerEngine engine) {
        this.engine = engine;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        RogerConnectionHandle handle = new RogerConnectionHandle(this, engine);
        handles.add(handle);
        return handle;
    }

    void closed(RogerConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(l -> l.connectionClosed(event));
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof RogerConnectionHandle handle)) {
            throw new ResourceException("Not a Roger connection: " + connection);
        }
        handle.associate(this);
        handles.add(handle);
    }

    @Override
    public void cleanup() {
        handles.forEach(RogerConnectionHandle::invalidate);
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("Roger does not take part in transactions");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("Roger does not take part in transactions");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "RabbitMQ";
            }

            @Override
            public String getEISProductVersion() {
                return "";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return "";
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
