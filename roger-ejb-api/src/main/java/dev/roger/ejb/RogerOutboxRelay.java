package dev.roger.ejb;

import dev.roger.api.Job;
import dev.roger.api.spi.OutboxConfiguration;
import dev.roger.api.spi.RogerConnection;
import dev.roger.api.spi.RogerConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The outbox's relay on this node: when the adapter has an {@code outboxDataSource}, polls the
 * table {@code roger_outbox} every {@code outboxPollMillis}, publishes the committed rows of this
 * node's Roger cluster (a partition's consecutive rows as one batch, confirmed by the broker), and
 * deletes them. Each poll is one local JDBC transaction that locks the oldest rows, so the relays
 * of the nodes take turns and a partition's rows go out in order; a failure leaves the rows not
 * published for the next poll (at least once, never lost). Comes with the {@code roger-ejb-api}
 * dependency, nothing to write; it creates the table at start.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// No JTA transaction on the relay's thread: the adapter would defer its publish to that
// transaction's commit, and the DataSource's connection would be enlisted in it instead of
// running the relay's own local transaction.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RogerOutboxRelay {

    /** The most rows one poll transaction locks and publishes. */
    static final int BATCH_ROWS = 100;
    /** The longest wait between polls while they fail. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(RogerOutboxRelay.class.getName());

    @Resource(lookup = RogerBridge.CONNECTION_FACTORY)
    private RogerConnectionFactory factory;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Resource
    private SessionContext context;

    /** Held for the whole of a poll, so that undeploy can wait for one in progress. */
    private final ReentrantLock polling = new ReentrantLock();
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;
    private RogerOutboxRelay self;
    private OutboxConfiguration config;
    private OutboxTable table;
    private DataSource dataSource;
    private boolean tableReady;
    private int failures;

    @PostConstruct
    void start() {
        try {
            config = new AdapterCalls(factory).call(RogerConnection::outboxConfiguration);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Roger''s outbox relay cannot read the adapter''s outbox settings ({0}); this "
                    + "application relays no outbox rows", e.getMessage());
            return;
        }
        if (!config.enabled()) {
            return;
        }
        self = context.getBusinessObject(RogerOutboxRelay.class);
        table = new OutboxTable(config.cluster());
        LOG.log(Level.INFO, "Roger''s outbox relay publishes the rows of {0} (DataSource {1}) every {2} ms",
                OutboxSql.TABLE, config.dataSource(), Long.toString(config.pollInterval().toMillis()));
        try {
            prepare();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Roger''s outbox relay cannot prepare table {0} yet ({1}); it tries again at "
                    + "each poll", OutboxSql.TABLE, e.getMessage());
        }
        schedule(config.pollInterval());
    }

    @PreDestroy
    void stop() {
        stopped = true;
        ScheduledFuture<?> scheduled = next;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        try {
            // A poll in progress ends with its commit or rollback before the application goes.
            if (polling.tryLock(30, TimeUnit.SECONDS)) {
                polling.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Publishes committed outbox rows until none is left or a poll fails. Called by the relay's own
     * schedule through the container (so with no JTA transaction); not for applications.
     *
     * @return whether every poll succeeded
     */
    public boolean relay() {
        if (!polling.tryLock()) {
            return true;
        }
        try {
            while (!stopped) {
                Poll poll = relayOnce();
                if (poll.failed()) {
                    return false;
                }
                if (poll.rows() < BATCH_ROWS) {
                    return true;
                }
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Roger''s outbox relay could not read or update table {0} ({1}); the rows stay "
                    + "and are tried again at the next poll", OutboxSql.TABLE, e.getMessage());
            return false;
        } finally {
            polling.unlock();
        }
    }

    /** What one poll did: how many rows it took, and whether publishing some of them failed. */
    private record Poll(int rows, boolean failed) {
    }

    /** One local transaction: lock the oldest rows, publish them, delete what was published. */
    private Poll relayOnce() throws SQLException {
        prepare();
        OutboxPublisher.Outcome outcome;
        int rows;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<OutboxRow> locked = table.lockOldest(c, BATCH_ROWS);
                rows = locked.size();
                outcome = locked.isEmpty() ? new OutboxPublisher.Outcome(List.of(), null)
                        : new AdapterCalls(factory).call(adapter -> new OutboxPublisher(publisherOf(adapter)).publish(locked));
                // What was published before a failure is deleted too: fewer jobs published twice.
                table.delete(c, outcome.done());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        OutboxPublisher.Failure failure = outcome.failure();
        if (failure != null) {
            LOG.log(Level.WARNING, "Roger''s outbox relay could not publish rows {0} (jobs {1}) of partition {2}: {3}; "
                    + "they and the rows after them stay and are tried again", failure.rows(), failure.jobIds(),
                    failure.partition(), failure.cause().getMessage());
        }
        return new Poll(rows, failure != null);
    }

    /** Finds the DataSource and creates the table, once; retried at each poll until it worked. */
    private void prepare() throws SQLException {
        if (dataSource == null) {
            dataSource = DataSources.lookup("outboxDataSource", config.dataSource());
        }
        if (!tableReady) {
            try (Connection c = dataSource.getConnection()) {
                table.create(c);
            }
            tableReady = true;
        }
    }

    private static OutboxPublisher.Adapter publisherOf(RogerConnection connection) {
        return new OutboxPublisher.Adapter() {
            @Override
            public Job decode(String body) {
                return connection.decodeFromOutbox(body);
            }

            @Override
            public List<Job> enqueueAll(String partition, List<Job> jobs) {
                return connection.enqueueAll(partition, jobs);
            }
        };
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "Rolling back the outbox poll failed too: {0}", e.getMessage());
        }
    }

    private void tick() {
        boolean ok = false;
        try {
            ok = self.relay();
        } catch (RuntimeException e) {
            if (!stopped) {
                LOG.log(Level.WARNING, "Roger''s outbox relay failed: {0}", e.toString());
            }
        }
        failures = ok ? 0 : failures + 1;
        schedule(delay(config.pollInterval(), failures));
    }

    private void schedule(Duration delay) {
        if (!stopped) {
            next = scheduler.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The wait before the next poll: the interval, doubled for each failed poll in a row, up to {@link #MAX_BACKOFF}. */
    static Duration delay(Duration interval, int failures) {
        if (interval.compareTo(MAX_BACKOFF) >= 0) {
            return interval;
        }
        Duration d = interval;
        for (int i = 0; i < failures && d.compareTo(MAX_BACKOFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
