package dev.roger.ra.inbound;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger.Level;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Whether the transaction the container ran a bean's job in committed. A container-managed
 * transaction that rolls back at commit (the bean or a resource marked it rollback-only, or the
 * container is undeploying the bean) is only logged by the server; the bean call itself returns
 * normally. Without this check such a job would be acknowledged as done although nothing it did
 * was kept.
 */
final class TransactionOutcome implements Synchronization {

    private static final System.Logger LOG = System.getLogger(TransactionOutcome.class.getName());
    private static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";
    private static volatile TransactionSynchronizationRegistry registry;

    private volatile int status = Status.STATUS_UNKNOWN;

    private TransactionOutcome() {
    }

    /**
     * Watches the transaction active on this thread (between the endpoint's beforeDelivery and
     * afterDelivery); null when there is none (the bean runs without a container transaction) or
     * the server offers no registry.
     */
    static TransactionOutcome watchCurrent() {
        TransactionSynchronizationRegistry r = registry();
        if (r == null) {
            return null;
        }
        try {
            if (r.getTransactionKey() == null) {
                return null;
            }
            TransactionOutcome outcome = new TransactionOutcome();
            r.registerInterposedSynchronization(outcome);
            return outcome;
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Cannot watch the job's transaction: {0}", e.getMessage());
            return null;
        }
    }

    /** Whether the transaction ended other than committed (rolled back, or unknown after completion). */
    boolean rolledBack() {
        return status != Status.STATUS_COMMITTED;
    }

    @Override
    public void beforeCompletion() {
        // Only the outcome matters.
    }

    @Override
    public void afterCompletion(int status) {
        this.status = status;
    }

    private static TransactionSynchronizationRegistry registry() {
        TransactionSynchronizationRegistry r = registry;
        if (r != null) {
            return r;
        }
        try {
            r = (TransactionSynchronizationRegistry) new InitialContext().lookup(REGISTRY);
            registry = r;
            return r;
        } catch (NamingException | RuntimeException e) {
            // Not offered here (or not in a component's context): the bean's own result decides.
            LOG.log(Level.DEBUG, "No transaction synchronization registry at {0}: {1}", REGISTRY, e.getMessage());
            return null;
        }
    }
}
