package dev.roger.ra.inbound;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.amqp.Errors;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps jobs that run longer than the broker's {@code consumer_timeout} safe. RabbitMQ closes a
 * channel whose oldest unacknowledged delivery is older than that timeout (30 minutes by
 * default), which would put back every job in progress on the channel, the long one included, to
 * run again. So once a delivery has been held for half the timeout, its job is <em>detached</em>:
 * a copy of it is held by this node on a channel of its own ({@link HeldCopies}), the delivery is
 * acked, and when the job ends its outcome settles the copy instead (dropped, or back to its
 * queue). If the node dies meanwhile the broker returns the copy to the job's queue, so the job
 * still runs at least once. A copy is itself replaced before it gets that old.
 *
 * <p>A detached job keeps its worker: while one runs, its queue's consumer takes that many fewer
 * jobs (the rest go back to the queue), so {@code workers} still bounds the jobs of the queue
 * running on this node.
 *
 * <p>RabbitMQ 3.10 does not tell its timeout over AMQP; Roger takes it from the adapter property
 * {@code brokerConsumerTimeoutSeconds}, and lowers it when the broker closes a channel for a
 * shorter one (saying so at WARNING).
 */
public final class LongJobGuard {

    private static final System.Logger LOG = System.getLogger(LongJobGuard.class.getName());
    private static final Pattern TIMEOUT_USED = Pattern.compile("Timeout value used: (\\d+) ms");
    private static final long MAX_SCAN_MILLIS = 1000;
    private static final long MIN_SCAN_MILLIS = 100;

    private final HeldCopies copies;
    private final Set<Tracked> tracked = ConcurrentHashMap.newKeySet();
    private final QueueLoads loads = new QueueLoads();
    /** Half the broker's timeout, in nanoseconds; 0 when it has none (nothing is detached). */
    private volatile long detachAfter;
    private final long scanMillis;
    private Timer timer;

    /**
     * @param brokerConsumerTimeout the broker's {@code consumer_timeout}; zero when it has none
     * @param confirmTimeout        how long a copy may take to be confirmed and reach this node
     */
    public LongJobGuard(Supplier<Connection> connection, ConfirmPublisher publisher, String node,
                        Duration brokerConsumerTimeout, Duration confirmTimeout) {
        this.copies = new HeldCopies(connection, publisher, node, confirmTimeout);
        this.detachAfter = brokerConsumerTimeout.toNanos() / 2;
        this.scanMillis = Math.max(MIN_SCAN_MILLIS, Math.min(MAX_SCAN_MILLIS, brokerConsumerTimeout.toMillis() / 10));
    }

    /** Starts looking for deliveries to detach, on a thread of its own: copies wait for confirms. */
    public synchronized void start() {
        timer = new Timer("roger-long-jobs", true);
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                try {
                    scan();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Roger''s check for long jobs failed; trying again", e);
                }
            }
        }, scanMillis, scanMillis);
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** Watches a consumer channel for the broker closing it over a timeout shorter than the one configured. */
    public Channel watch(Channel channel) {
        channel.addShutdownListener(this::channelClosed);
        return channel;
    }

    /**
     * Called before a delivery runs. False when the delivery's queue already has {@code workers}
     * jobs in progress on this node because some of them are detached: the caller puts it back.
     */
    boolean admit(Delivery delivery) {
        if (detachAfter <= 0) {
            return true;
        }
        String key = delivery.mainQueue();
        if (!loads.admit(key, delivery.workers())) {
            return false;
        }
        Tracked t = new Tracked(delivery, key);
        tracked.add(t);
        delivery.handOver(t);
        return true;
    }

    /** Detaches deliveries held for half the broker's timeout, and replaces copies held as long. */
    void scan() {
        long threshold = detachAfter;
        if (threshold <= 0) {
            return;
        }
        long now = System.nanoTime();
        for (Tracked t : tracked) {
            if (now - t.since() >= threshold && t.renewable()) {
                renew(t, now);
            }
        }
    }

    private void renew(Tracked t, long now) {
        HeldCopies.Held fresh;
        try {
            fresh = copies.hold(t.delivery);
        } catch (IOException | TimeoutException | RuntimeException e) {
            if (t.firstFailure()) {
                LOG.log(Level.WARNING, "Job {0} from {1} runs long but no copy of it could be held ({2}); trying again "
                        + "until it ends", t.delivery.messageId(), t.key, Errors.describe(e));
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        HeldCopies.Held replaced = t.hand(fresh);
        if (replaced == fresh) {
            // The job ended while its copy was made: nothing to hold.
            fresh.release(true);
        } else if (replaced == null) {
            LOG.log(Level.INFO, "Job {0} of type {1} from {2} has held its delivery for {3} s, half the broker''s "
                    + "consumer timeout: the delivery is acked and a copy is held on {4} until the job ends",
                    t.delivery.messageId(), type(t.delivery), t.key,
                    Duration.ofNanos(now - t.delivery.receivedAt()).toSeconds(), copies.queue());
        } else {
            replaced.release(true);
            LOG.log(Level.DEBUG, "Job {0} still runs; its held copy was replaced", t.delivery.messageId());
        }
    }

    private void settled(Tracked t, boolean wasDetached) {
        tracked.remove(t);
        loads.settled(t.key, wasDetached);
    }

    private void channelClosed(ShutdownSignalException signal) {
        OptionalLong timeout = consumerTimeout(signal);
        if (timeout.isEmpty()) {
            return;
        }
        long timeoutMillis = timeout.getAsLong();
        long half = Duration.ofMillis(timeoutMillis).toNanos() / 2;
        synchronized (this) {
            if (detachAfter > 0 && detachAfter <= half) {
                return;
            }
            detachAfter = half;
        }
        LOG.log(Level.WARNING, "RabbitMQ closed a consumer channel because a delivery stayed unacknowledged for "
                + "{0} ms, its consumer_timeout, and the jobs in progress on it go back to their queues. Set the "
                + "adapter property brokerConsumerTimeoutSeconds to {1}; until then Roger detaches jobs held for "
                + "{2} ms", Long.toString(timeoutMillis), Long.toString(timeoutMillis / 1000),
                Long.toString(timeoutMillis / 2));
    }

    /** The broker's consumer timeout, when it is why the broker closed a channel. */
    static OptionalLong consumerTimeout(ShutdownSignalException signal) {
        if (signal.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == Errors.PRECONDITION_FAILED
                && close.getReplyText() != null) {
            Matcher m = TIMEOUT_USED.matcher(close.getReplyText());
            if (m.find()) {
                return OptionalLong.of(Long.parseLong(m.group(1)));
            }
        }
        return OptionalLong.empty();
    }

    /** The runs lost while a job was detached, which the copy that came back carries. */
    static int lostRuns(AMQP.BasicProperties properties) {
        Object v = properties == null || properties.getHeaders() == null ? null
                : properties.getHeaders().get(HeldCopies.LOST_RUNS);
        return v instanceof Number n ? n.intValue() : 0;
    }

    private static String type(Delivery delivery) {
        return delivery.properties() == null ? null : delivery.properties().getType();
    }

    /** A delivery admitted to run, until its outcome is settled: on its channel, or on its held copy. */
    private final class Tracked implements Delivery.Handover {
        private final Delivery delivery;
        private final String key;
        private boolean settled;
        private HeldCopies.Held held;
        private boolean failed;
        private boolean lostLogged;

        Tracked(Delivery delivery, String key) {
            this.delivery = delivery;
            this.key = key;
        }

        @Override
        public void end(Delivery.Ending ending) {
            HeldCopies.Held h;
            synchronized (this) {
                if (settled) {
                    return;
                }
                settled = true;
                h = held;
                if (h == null) {
                    // Under the lock: a detach either happened before (and this goes to the copy)
                    // or finds the delivery settled.
                    delivery.endOnChannel(ending);
                }
            }
            if (h != null) {
                // Returned or left: the copy goes back to the job's queue (dead-lettered), as the
                // delivery would have.
                h.release(ending == Delivery.Ending.ACK);
            }
            settled(this, h != null);
        }

        /** Since when the broker counts: the delivery's arrival, or the held copy's. */
        synchronized long since() {
            return held == null ? delivery.receivedAt() : held.heldSince();
        }

        /**
         * Whether a copy should be made now: not once settled, nor once the delivery or its copy went
         * back to the queue with a closed channel (the job will run again from there; a new copy
         * would not change that).
         */
        synchronized boolean renewable() {
            if (settled) {
                return false;
            }
            if (held == null && !delivery.channelOpen()) {
                // The broker took the delivery back with its channel: there is nothing to detach from.
                return false;
            }
            if (held != null && !held.held()) {
                if (!lostLogged) {
                    lostLogged = true;
                    LOG.log(Level.WARNING, "The held copy of job {0} from {1} went back to its queue when its channel "
                            + "closed; the job will run again from there", delivery.messageId(), key);
                }
                return false;
            }
            return true;
        }

        /**
         * Hands the job to {@code fresh}: acks the delivery the first time. Returns the copy it
         * replaces (null the first time), or {@code fresh} itself when the job had ended.
         */
        synchronized HeldCopies.Held hand(HeldCopies.Held fresh) {
            if (settled) {
                return fresh;
            }
            HeldCopies.Held previous = held;
            held = fresh;
            if (previous == null) {
                loads.detached(key);
                delivery.endOnChannel(Delivery.Ending.ACK);
            }
            return previous;
        }

        synchronized boolean firstFailure() {
            boolean first = !failed;
            failed = true;
            return first;
        }
    }
}
