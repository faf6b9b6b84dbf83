package dev.roger.client.buried;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.roger.api.RogerException;
import dev.roger.client.amqp.Errors;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A lock per name across the cluster: an exclusive queue of that name on the broker, which one
 * connection at a time can hold and which goes away with it (so a process that dies cannot keep
 * it), plus a lock in this process, since the broker lets every channel of the holding
 * connection in. Two readers of one buried queue would each miss the messages the other holds.
 */
final class QueueLock {

    private static final System.Logger LOG = System.getLogger(QueueLock.class.getName());
    private static final int RESOURCE_LOCKED = 405;

    /** What runs under the lock. */
    @FunctionalInterface
    interface Body<T> {
        T run();
    }

    private final Supplier<Connection> connection;
    private final Duration wait;
    private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();

    QueueLock(Supplier<Connection> connection, Duration wait) {
        this.connection = connection;
        this.wait = wait;
    }

    /**
     * Runs {@code body} holding the lock {@code name}.
     *
     * @throws RogerException when another process held it for longer than the wait
     */
    <T> T holding(String name, Body<T> body) {
        ReentrantLock inProcess = local.computeIfAbsent(name, k -> new ReentrantLock());
        inProcess.lock();
        try {
            Channel held = acquire(name);
            try {
                return body.run();
            } finally {
                release(held, name);
            }
        } finally {
            inProcess.unlock();
        }
    }

    private Channel acquire(String name) {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = 50;
        while (true) {
            Channel ch = null;
            try {
                ch = connection.get().createChannel();
                ch.queueDeclare(name, false, true, true, Map.of("x-queue-type", "classic"));
                return ch;
            } catch (IOException e) {
                if (!Errors.isChannelClose(e, RESOURCE_LOCKED)) {
                    throw new RogerException("Roger could not take the lock " + name + ": " + Errors.describe(e), e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new RogerException("Another process has held " + name + " for more than " + wait.toSeconds()
                        + " s; try again later");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RogerException("Interrupted while waiting for the lock " + name, e);
            }
            pause = Math.min(1_000, pause * 2);
        }
    }

    private static void release(Channel held, String name) {
        try {
            held.queueDelete(name);
            held.close();
        } catch (IOException | TimeoutException | RuntimeException e) {
            // It goes away with the connection anyway.
            LOG.log(Level.DEBUG, "Releasing the lock " + name + " failed", e);
        }
    }
}
