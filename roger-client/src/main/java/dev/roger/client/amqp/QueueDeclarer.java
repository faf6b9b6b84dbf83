package dev.roger.client.amqp;

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

    private final ConfirmPublisher channels;
    private final QueueType mainType;
    private final int buriedMaxLength;
    private final java.time.Duration buriedMaxAge;
    private final String buriedDropped;
    private final String buriedLog;
    private final BrokerNames names;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();
    private final java.util.Map<String, Long> retryQueuesUntil = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Object> declaring = new ConcurrentHashMap<>();

    /** In the default cluster, buried jobs kept for 30 days. */
    public QueueDeclarer(ConfirmPublisher channels, QueueType mainType, int buriedMaxLength) {
        this(channels, mainType, buriedMaxLength, java.time.Duration.ofDays(30), BrokerNames.DEFAULT);
    }

    /** @param names the cluster's names, for the queue buried queues dead-letter to */
    public QueueDeclarer(ConfirmPublisher channels, QueueType mainType, int buriedMaxLength,
                         java.time.Duration buriedMaxAge, BrokerNames names) {
        this.channels = channels;
        this.mainType = mainType;
        this.buriedMaxLength = buriedMaxLength;
        this.buriedMaxAge = buriedMaxAge;
        this.buriedDropped = names.buriedDropped();
        this.buriedLog = names.buriedLog();
        this.names = names;
        // A queue deleted behind Roger's back is declared again on the next try.
        channels.onUnroutable(this::forget);
    }

    /**
     * Declares a partition's main queue, unless this process already did ({@link #mainArguments});
     * a quorum main queue's dead-letter queue first, once.
     */
    public void ensureMain(String name) throws IOException, TimeoutException, InterruptedException {
        if (mainType == QueueType.QUORUM) {
            ensure(names.deadLettered(), Map.of("x-queue-type", "classic"));
        }
        ensure(name, mainArguments(mainType, names));
    }

    /**
     * The arguments of a main queue of this type. A quorum queue dead-letters to the cluster's
     * {@link BrokerNames#deadLettered()} queue, at least once (which RabbitMQ allows only with
     * {@code reject-publish} overflow; main queues have no length bound for it to act on): from
     * RabbitMQ 4.0 a quorum queue has a delivery limit of 20 by default and drops a message returned
     * more often unless it has a dead-letter target. The nodes bury what arrives there.
     */
    public static Map<String, Object> mainArguments(QueueType type, BrokerNames names) {
        if (type != QueueType.QUORUM) {
            return Map.of("x-queue-type", type.name().toLowerCase());
        }
        return Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", names.deadLettered(), "x-dead-letter-strategy", "at-least-once",
                "x-overflow", "reject-publish");
    }

    /**
     * Declares a buried queue, before every burial: bounded by count (the oldest go
     * first) and age, and what it drops for them is dead-lettered to {@link BrokerNames#buriedDropped()};
     * and, once, the cluster's buried log ({@link BrokerNames#buriedLog()}), which every burial is copied to.
     */
    public void ensureBuried(String name) throws IOException, TimeoutException, InterruptedException {
        try {
            ensure(buriedLog, buriedLogArguments(buriedMaxAge));
        } catch (IOException e) {
            if (!Errors.isChannelClose(e)) {
                throw e;
            }
            // A broker that refuses the stream must not keep jobs from being buried: they are
            // buried without a log record, and listings say they cannot read the log.
            declared.add(buriedLog);
            LOG.log(Level.WARNING, "RabbitMQ refused the buried log {0} ({1}); jobs are buried without it, and "
                    + "buried jobs cannot be listed until it exists", buriedLog, Errors.describe(e));
        }
        // Not from the cache: the burial's publish also goes to the buried log, so a buried queue
        // deleted behind Roger's back would not make it unroutable, and the job would be in the
        // log only. Declared right before the publish, the queue cannot be missing.
        declare(name, Map.of("x-queue-type", "classic", "x-max-length", buriedMaxLength,
                "x-message-ttl", buriedMaxAge.toMillis(), "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", buriedDropped));
    }

    /**
     * The buried log's arguments: a stream that keeps each record a day longer than a buried
     * queue keeps its job (at least), so no job still buried loses its record to the stream's retention.
     * Small segments let the broker drop old records soon after they expire.
     */
    public static Map<String, Object> buriedLogArguments(java.time.Duration buriedMaxAge) {
        return Map.of("x-queue-type", "stream", "x-max-age", (buriedMaxAge.toDays() + 2) + "D",
                "x-stream-max-segment-size-bytes", 16 * 1024 * 1024);
    }

    /**
     * Declares an execution key's waiting queue (durable classic) without consulting the cache:
     * a publish to a queue deleted since (by an operator) would be confirmed and vanish.
     */
    public void declareWaiting(String name) throws IOException, TimeoutException, InterruptedException {
        channels.withChannel(ch -> ch.queueDeclare(name, true, false, false, Map.of("x-queue-type", "classic")));
    }

    /**
     * Declares a retry level's queue {@code <main>.retry.<s>}: its messages wait {@code delay}
     * (the queue's message TTL), then the broker dead-letters them back to {@code main}; the queue
     * goes away when unused for a minute past its TTL. Not from the cache: declaring resets the
     * expiry, so the queue cannot vanish between this call and the publish that follows.
     */
    public void declareRetry(String name, String main, java.time.Duration delay)
            throws IOException, TimeoutException, InterruptedException {
        long ttl = delay.toMillis();
        Map<String, Object> args = Map.of("x-queue-type", "classic", "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", main, "x-message-ttl", ttl, "x-expires", ttl + 60_000);
        channels.withChannel(ch -> ch.queueDeclare(name, true, false, false, args));
        retryQueuesUntil.put(name, System.currentTimeMillis() + ttl + 60_000);
    }

    /**
     * The retry queues this declarer declared that may still exist (their expiry, a minute past
     * their TTL since the last declare, has not passed): where this node's retrying jobs wait.
     */
    public java.util.List<String> recentRetryQueues() {
        long now = System.currentTimeMillis();
        retryQueuesUntil.values().removeIf(until -> until < now);
        return java.util.List.copyOf(new java.util.TreeSet<>(retryQueuesUntil.keySet()));
    }

    /** How long buried queues keep a job. */
    public java.time.Duration buriedMaxAge() {
        return buriedMaxAge;
    }

    /** Whether this process declared the queue (and has not forgotten it since). */
    public boolean isDeclared(String name) {
        return declared.contains(name);
    }

    /** Forgets what was declared, e.g. after the broker restarted without its definitions. */
    public void forget(String name) {
        declared.remove(name);
    }

    private void ensure(String name, Map<String, Object> args) throws IOException, TimeoutException, InterruptedException {
        if (declared.contains(name)) {
            return;
        }
        // One declare per queue at a time: RabbitMQ 3.10 nacks publishes to a new quorum queue
        // while other channels are still declaring it (8 threads enqueueing to a fresh queue lost
        // a few jobs in most rounds; none once the declares were serialized).
        Object lock = declaring.computeIfAbsent(name, k -> new Object());
        synchronized (lock) {
            if (declared.contains(name)) {
                return;
            }
            declare(name, args);
        }
        declaring.remove(name, lock);
    }

    private void declare(String name, Map<String, Object> args) throws IOException, TimeoutException, InterruptedException {
        try {
            channels.withChannel(ch -> ch.queueDeclare(name, true, false, false, args));
        } catch (IOException e) {
            if (!Errors.isChannelClose(e, Errors.PRECONDITION_FAILED)) {
                throw e;
            }
            // The queue exists with other arguments (e.g. a classic queue from before, or another
            // bound): use it as it is rather than fail every enqueue.
            channels.withChannel(ch -> ch.queueDeclarePassive(name));
            if (!declared.contains(name)) {
                boolean quorumMain = names.deadLettered().equals(args.get("x-dead-letter-routing-key"));
                if (quorumMain) {
                    LOG.log(Level.WARNING, "Queue {0} exists with other arguments than {1}; Roger uses it as it is. "
                            + "Unless a policy gives it a dead-letter target, RabbitMQ 4 drops a job returned to it more "
                            + "often than its delivery limit (20 by default) instead of letting Roger bury it "
                            + "(docs/reference/broker-compatibility.md)", name, args);
                } else {
                    LOG.log(Level.INFO, "Queue {0} exists with other arguments than {1}; using it as it is", name, args);
                }
            }
        }
        declared.add(name);
    }
}
