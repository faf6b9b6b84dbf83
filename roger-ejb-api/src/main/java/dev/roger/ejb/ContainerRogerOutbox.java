package dev.roger.ejb;

import dev.roger.api.Job;
import dev.roger.api.RogerException;
import dev.roger.api.RogerOutbox;
import dev.roger.api.spi.OutboxConfiguration;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * A {@link RogerOutbox} that writes rows through the application's outbox DataSource on the
 * caller's thread, so that the container enlists the connection in the caller's JTA transaction.
 * The adapter checks and encodes the jobs (it has the codec and {@code maxJobBytes}); nothing is
 * published here, {@link RogerOutboxRelay} does that after the commit.
 */
final class ContainerRogerOutbox implements RogerOutbox {

    private final AdapterCalls adapter;
    private final TransactionSynchronizationRegistry transactions;

    ContainerRogerOutbox(AdapterCalls adapter, TransactionSynchronizationRegistry transactions) {
        this.adapter = adapter;
        this.transactions = transactions;
    }

    @Override
    public Job enqueue(String partition, Job job) {
        return enqueueAll(partition, List.of(job)).get(0);
    }

    @Override
    public List<Job> enqueueAll(String partition, List<Job> jobs) {
        requireTransaction();
        Encoded encoded = adapter.call(c -> {
            OutboxConfiguration config = c.outboxConfiguration();
            return new Encoded(config, config.enabled() ? c.encodeForOutbox(partition, jobs) : List.of());
        });
        if (!encoded.config().enabled()) {
            throw new IllegalStateException("RogerOutbox needs the resource adapter property outboxDataSource "
                    + "(the JNDI name of the DataSource the application's transactions use)");
        }
        DataSource dataSource = DataSources.lookup("outboxDataSource", encoded.config().dataSource());
        try (Connection c = dataSource.getConnection()) {
            new OutboxTable(encoded.config().cluster()).insert(c, partition, encoded.bodies());
        } catch (SQLException e) {
            // Some rows of the batch may be written: the caller asked for all or nothing with its work.
            transactions.setRollbackOnly();
            throw new RogerException("Writing " + jobs.size() + " job(s) for partition " + partition + " to the outbox "
                    + "table " + OutboxSql.TABLE + " failed, so the transaction is marked for rollback: "
                    + e.getMessage(), e);
        }
        return jobs.stream().map(j -> j.toBuilder().partition(partition).build()).toList();
    }

    private record Encoded(OutboxConfiguration config, List<String> bodies) {
    }

    private void requireTransaction() {
        int status = transactions.getTransactionStatus();
        if (status != Status.STATUS_ACTIVE && status != Status.STATUS_MARKED_ROLLBACK) {
            throw new IllegalStateException("RogerOutbox writes jobs in the caller's JTA transaction, and there is "
                    + "none active here (status " + status + "): call it from a @Transactional method or between "
                    + "UserTransaction.begin() and commit(), or use RogerClient.enqueue outside transactions");
        }
    }
}
