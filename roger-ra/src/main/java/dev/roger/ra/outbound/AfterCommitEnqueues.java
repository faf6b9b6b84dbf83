package dev.roger.ra.outbound;

import dev.roger.api.Job;
import dev.roger.client.JobEnqueuer;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * Decides when an enqueue made by application code publishes: inside a JTA transaction, after
 * the transaction commits and never after it rolls back; outside one, at once. Bad input and a
 * held queue key fail the call itself, inside the transaction; the keys taken are given back on a
 * rollback. A publish that fails after the commit cannot undo the commit: it is logged at ERROR
 * with the job's id, type and partition and not retried (the outbox is for callers who need the
 * commit and the enqueue to go together).
 */
public final class AfterCommitEnqueues {

    private static final System.Logger LOG = System.getLogger(AfterCommitEnqueues.class.getName());

    /** No transactions: every enqueue publishes at once. */
    public static final AfterCommitEnqueues IMMEDIATE = new AfterCommitEnqueues(null);

    private final TransactionSynchronizationRegistry registry;

    /** @param registry the container's registry (the adapter's {@code BootstrapContext} gives it); null for none */
    public AfterCommitEnqueues(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /**
     * Publishes {@code batch} after the caller's transaction commits, if there is one.
     *
     * @param publish publishes the batch (and counts it)
     * @return true when the publish was deferred to the commit; false when there is no
     *         transaction and the caller must publish now
     */
    public boolean defer(JobEnqueuer enqueuer, JobEnqueuer.Prepared batch, Consumer<JobEnqueuer.Prepared> publish) {
        if (!inTransaction()) {
            return false;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // Nothing is published before the outcome is known.
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    publishAfterCommit(batch, publish);
                } else {
                    enqueuer.abandon(batch);
                    LOG.log(Level.DEBUG, "Transaction rolled back: {0} job(s) for partition {1} not enqueued",
                            batch.jobs().size(), batch.partition());
                }
            }
        });
        return true;
    }

    private static void publishAfterCommit(JobEnqueuer.Prepared batch, Consumer<JobEnqueuer.Prepared> publish) {
        try {
            publish.accept(batch);
        } catch (RuntimeException | Error e) {
            for (Job job : batch.jobs()) {
                LOG.log(Level.ERROR, "Job {0} of type {1} for partition {2} was not enqueued after its transaction "
                        + "committed: {3}. Roger does not retry it; enqueue it again, or use the outbox where the "
                        + "commit and the enqueue must not part", job.id(), job.type(), batch.partition(),
                        e.getMessage());
            }
        }
    }

    private boolean inTransaction() {
        if (registry == null) {
            return false;
        }
        try {
            int status = registry.getTransactionStatus();
            return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK;
        } catch (RuntimeException e) {
            // No transaction service on this thread (e.g. the adapter's own threads).
            return false;
        }
    }
}
