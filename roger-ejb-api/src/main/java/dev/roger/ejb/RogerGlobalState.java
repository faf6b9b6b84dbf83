package dev.roger.ejb;

import dev.roger.api.spi.GlobalStateHost;
import dev.roger.api.spi.Registration;
import dev.roger.api.spi.RogerConnection;
import dev.roger.api.spi.RogerConnectionFactory;
import dev.roger.api.spi.StatePersister;
import dev.roger.state.PartitionState;
import dev.roger.state.StatePersisters;
import dev.roger.state.StateReply;
import dev.roger.state.StateCodec;
import dev.roger.api.spi.StateConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds the global state (queue keys, execution keys, cancelled jobs, paused queues) of the
 * partitions this node owns. The resource adapter elects one owner per partition in the cluster
 * and routes every node's requests for that partition here; the container's write lock makes
 * each request atomic. Changed state is stored every second, at once for pause and resume, and
 * when ownership ends. Comes with the {@code roger-ejb-api} dependency, nothing to write.
 */
@Singleton
@Startup
@Local(GlobalStateHost.class)
@ConcurrencyManagement(ConcurrencyManagementType.CONTAINER)
@Lock(LockType.WRITE)
// The state is in memory and the persisters manage their own JDBC transactions: a JTA transaction
// per request only cost time (a thousand idle tenants kept a core busy).
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RogerGlobalState implements GlobalStateHost {

    private static final System.Logger LOG = System.getLogger(RogerGlobalState.class.getName());

    @Resource(lookup = RogerBridge.CONNECTION_FACTORY)
    private RogerConnectionFactory factory;

    @Resource
    private SessionContext context;

    private final Map<String, PartitionState> states = new HashMap<>();
    private ClassLoader application;
    /** Withdrawn at undeploy, when the application's connection factory may be gone already. */
    private Registration registration;
    private StateConfiguration settings;
    private StatePersister persister;

    @PostConstruct
    void register() {
        application = Thread.currentThread().getContextClassLoader();
        try (RogerConnection connection = factory.getConnection()) {
            settings = connection.stateConfiguration();
            persister = StatePersisters.create(settings, application, name -> DataSources.lookup("stateDataSource", name));
            registration = connection.registerStateHost(application, context.getBusinessObject(GlobalStateHost.class));
        } catch (Exception e) {
            // Other nodes (or other applications here) can still own the partitions.
            LOG.log(Level.ERROR, "This application cannot hold Roger's partition state: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void unregister() {
        storeChanged();
        states.clear();
        Registrations.cancel(registration, "state holder");
        registration = null;
    }

    @Override
    public void open(String partition) throws IOException {
        PartitionState state;
        var stored = persister.load(partition);
        if (stored.isEmpty()) {
            state = new PartitionState(partition, settings, Clock.systemUTC());
        } else {
            try {
                state = PartitionState.restore(partition, stored.get(), settings, Clock.systemUTC());
            } catch (IllegalArgumentException e) {
                LOG.log(Level.ERROR, "The stored state of partition {0} is unreadable ({1}); it starts empty",
                        partition, e.getMessage());
                state = new PartitionState(partition, settings, Clock.systemUTC());
            }
        }
        states.put(partition, state);
    }

    @Override
    public byte[] apply(String partition, byte[] request) {
        PartitionState state = states.get(partition);
        if (state == null) {
            throw new IllegalStateException("partition " + partition + " is not owned here");
        }
        StateReply reply = state.apply(StateCodec.decodeRequest(request));
        if (reply.storeNow()) {
            store(partition, state);
        }
        return StateCodec.encode(reply);
    }

    @Override
    public void close(String partition) {
        PartitionState state = states.remove(partition);
        if (state != null && state.dirty()) {
            store(partition, state);
        }
    }

    @Override
    public void discard(String partition) {
        states.remove(partition);
    }

    /** Stores what changed; a failed store is retried on the next run. */
    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    void storeChanged() {
        for (var e : List.copyOf(states.entrySet())) {
            if (e.getValue().dirty()) {
                store(e.getKey(), e.getValue());
            }
        }
    }

    private void store(String partition, PartitionState state) {
        byte[] blob = state.store();
        try {
            persister.store(partition, blob);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Storing the global state of partition {0} failed ({1}); retrying in a second",
                    partition, e.getMessage());
            state.markDirty();
        }
    }
}
