package dev.roger.ra.engine;

import dev.roger.client.amqp.QueueDeclarer;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Declares main queues in the background, several at a time, off the registry's lock: creating a
 * quorum queue is the slow part of starting a partition (about 6 ms of the broker's time each,
 * measured on RabbitMQ 3.10 with two cores: 2,000 took 11 s whatever the parallelism), and
 * declared one after another under the lock they held up every other start. The registry starts no consumer on a queue whose
 * declaration is on its way, and is told when one is done; a failure here is only logged, since
 * the consumer start then declares again and reports it.
 */
final class MainQueueDeclarations implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MainQueueDeclarations.class.getName());
    /** Enough to keep the broker busy (a declare is mostly waiting for it); idle threads end. */
    private static final int THREADS = 8;
    /** After a failure, the others wait this long: a broker refusing all would fail each in turn. */
    private static final long PAUSE_AFTER_FAILURE_MILLIS = 2000;

    private final QueueDeclarer declarer;
    private final Runnable declared;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** Failed here: the next pass leaves them to the consumer start, which records why (info shows it). */
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor pool;
    private volatile long pausedUntil;

    /** @param declared runs after each declaration tried here, done or failed (not on this object's lock) */
    MainQueueDeclarations(QueueDeclarer declarer, Runnable declared) {
        this.declarer = declarer;
        this.declared = declared;
        this.pool = dev.roger.client.amqp.DaemonThreads.pool("roger-declare", THREADS);
    }

    /** Declares the main queue {@code name} soon, unless it is declared or on its way. */
    void declareSoon(String name) {
        if (failed.remove(name) || declarer.isDeclared(name) || !pending.add(name)) {
            return;
        }
        try {
            pool.execute(() -> declare(name));
        } catch (RejectedExecutionException e) {
            pending.remove(name);
        }
    }

    /** Whether the queue's declaration is queued or running here. */
    boolean inFlight(String name) {
        return pending.contains(name);
    }

    private void declare(String name) {
        try {
            if (System.currentTimeMillis() < pausedUntil) {
                failed.add(name);
            } else {
                declarer.ensureMain(name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            declarer.forget(name);
            failed.add(name);
        } catch (Exception e) {
            declarer.forget(name);
            failed.add(name);
            pausedUntil = System.currentTimeMillis() + PAUSE_AFTER_FAILURE_MILLIS;
            LOG.log(Level.DEBUG, "Declaring queue {0} ahead of its consumer failed: {1}", name, e.getMessage());
        } finally {
            pending.remove(name);
        }
        declared.run();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
