package dev.roger.client.amqp;

import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Declares Roger's queues once per process: main queues (durable, quorum or classic) and buried
 * queues (durable, bounded). Declaring before the first publish means a job enqueued before any
 * node consumes its queue waits there instead of being dropped unrouted.
 */
public final class QueueDeclarer {

    private static final System.Logger LOG = System.getLogger(QueueDeclarer.class.getName());
    private static final int PRECONDITION_FAILED = 406;

    private final ConfirmPublisher channels;
    private final QueueType mainType;
    private final int buriedMaxLength;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();

    public QueueDeclarer(ConfirmPublisher channels, QueueType mainType, int buriedMaxLength) {
        this.channels = channels;
        this.mainType = mainType;
        this.buriedMaxLength = buriedMaxLength;
    }

    /** Declares a partition's main queue, unless this process already did. */
    public void ensureMain(String name) throws IOException, TimeoutException, InterruptedException {
        ensure(name, Map.of("x-queue-type", mainType.name().toLowerCase()));
    }

    /** Declares a buried queue, unless this process already did. */
    public void ensureBuried(String name) throws IOException, TimeoutException, InterruptedException {
        ensure(name, Map.of("x-queue-type", "classic", "x-max-length", buriedMaxLength));
    }

    /**
     * Declares an execution key's waiting queue (durable classic) without consulting the cache:
     * a publish to a queue deleted since (by an operator) would be confirmed and vanish.
     */
    public void declareWaiting(String name) throws IOException, TimeoutException, InterruptedException {
        channels.withChannel(ch -> ch.queueDeclare(name, true, false, false, Map.of("x-queue-type", "classic")));
    }

    /** Forgets what was declared, e.g. after the broker restarted without its definitions. */
    public void forget(String name) {
        declared.remove(name);
    }

    private void ensure(String name, Map<String, Object> args) throws IOException, TimeoutException, InterruptedException {
        if (declared.contains(name)) {
            return;
        }
        try {
            channels.withChannel(ch -> ch.queueDeclare(name, true, false, false, args));
        } catch (IOException e) {
            if (!isPreconditionFailed(e)) {
                throw e;
            }
            // The queue exists with other arguments (e.g. a classic queue from before, or another
            // bound): use it as it is rather than fail every enqueue.
            channels.withChannel(ch -> ch.queueDeclarePassive(name));
            LOG.log(Level.INFO, "Queue {0} exists with other arguments than {1}; using it as it is", name, args);
        }
        declared.add(name);
    }

    private static boolean isPreconditionFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException s && s.getReason() instanceof com.rabbitmq.client.AMQP.Channel.Close c
                    && c.getReplyCode() == PRECONDITION_FAILED) {
                return true;
            }
        }
        return false;
    }
}
