package dev.roger.ra.inbound;

import com.rabbitmq.client.AMQP;
import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.client.amqp.ConfirmPublisher;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The one class that settles deliveries. Every delivery ends in exactly one of these, each named
 * for what the broker then does:
 * <ul>
 * <li>{@link #ack}: the outcome is recorded (success, cancelled, moved to a key's waiting queue);
 * the broker forgets the message.</li>
 * <li>{@link #retry} / {@link #bury}: a copy is confirmed in the retry or buried queue, then the
 * delivery is acked; if the copy is not confirmed the delivery is put back instead.</li>
 * <li>{@link #putBack}: a copy goes to the tail of the job's queue (confirmed), then the delivery
 * is acked; nothing counts as a failed attempt or a lost delivery. Only when that copy cannot be
 * published does the broker get the message back by a requeueing nack (to the queue's head).</li>
 * <li>{@link #leave}: no ack; the broker redelivers the message when the channel closes. Only
 * for a node or channel that is going away.</li>
 * </ul>
 * A delivery is claimed by the first settlement; a second one is refused and logged, so two
 * paths can never both settle it. The tracked set feeds the stuck-delivery watch.
 */
public final class Settler {

    private static final System.Logger LOG = System.getLogger(Settler.class.getName());

    /** A job's copy must not carry the broker's counters of the message it copies. */
    static final Set<String> BROKER_HEADERS = Set.of("x-delivery-count", "x-acquired-count");

    private final ConfirmPublisher publisher;
    private final Retrier retrier;
    private final Burier burier;
    private final Timer timer;
    private final Consumer<Runnable> container;
    private final Set<Delivery> tracked = ConcurrentHashMap.newKeySet();
    private final JobCounts counts;

    /**
     * @param container runs delayed put-backs (they wait for a confirm) off the timer's thread
     */
    public Settler(ConfirmPublisher publisher, Retrier retrier, Burier burier, Timer timer,
                   Consumer<Runnable> container) {
        this(publisher, retrier, burier, timer, container, new JobCounts());
    }

    /** @param counts counts the jobs buried */
    public Settler(ConfirmPublisher publisher, Retrier retrier, Burier burier, Timer timer,
                   Consumer<Runnable> container, JobCounts counts) {
        this.counts = counts;
        this.publisher = publisher;
        this.retrier = retrier;
        this.burier = burier;
        this.timer = timer;
        this.container = container;
    }

    /** A new delivery, unsettled until one of the settlements below. */
    void track(Delivery delivery) {
        tracked.add(delivery);
    }

    /** The deliveries not settled yet (for the stuck-delivery watch and shutdown). */
    Set<Delivery> unsettled() {
        return tracked;
    }

    /** The outcome is recorded: the broker forgets the message. */
    void ack(Delivery delivery) {
        if (claim(delivery, "ack")) {
            finish(delivery, true);
        }
    }

    /**
     * Stores the job's next attempt in its retry queue (confirmed), runs {@code beforeAck} (key
     * releases), then acks. If the copy is not confirmed the delivery is put back after a second.
     *
     * @return whether the retry is stored
     */
    boolean retry(Delivery delivery, Job next, Duration delay, String reason, Throwable error, Runnable beforeAck) {
        return copyThenAck(delivery, "retry", () -> retrier.retry(delivery, next, delay, reason, error), beforeAck);
    }

    /**
     * Stores {@code body} in the job's buried queue with the reason (confirmed), runs
     * {@code beforeAck} (key releases), then acks. If the copy is not confirmed the delivery is
     * put back after a second.
     *
     * @return whether the job is buried
     */
    boolean bury(Delivery delivery, byte[] body, String reason, Throwable error, int attempts, Runnable beforeAck) {
        boolean done = copyThenAck(delivery, "bury", () -> burier.bury(delivery, body, reason, error, attempts),
                beforeAck);
        if (done) {
            counts.buried(delivery.partition(), delivery.queue());
        }
        return done;
    }

    /** A confirmed publish of a job's copy. */
    private interface Copy {
        void publish() throws Exception;
    }

    private boolean copyThenAck(Delivery delivery, String what, Copy copy, Runnable beforeAck) {
        if (!claim(delivery, what)) {
            return false;
        }
        delivery.stage("publishing the " + what + " copy");
        try {
            copy.publish();
        } catch (Exception e) {
            interrupted(e);
            LOG.log(Level.WARNING, "Could not {0} job {1} ({2}); it goes back to its queue", what, delivery.jobId(),
                    String.valueOf(e.getMessage()));
            later(delivery, Duration.ofSeconds(1));
            return false;
        }
        runQuietly(beforeAck, delivery);
        finish(delivery, true);
        return true;
    }

    /**
     * Puts the job back at the tail of its queue, after {@code after} (zero: at once, on this
     * thread), without counting a failed attempt.
     */
    void putBack(Delivery delivery, Duration after, String why) {
        if (!claim(delivery, "put back")) {
            return;
        }
        LOG.log(Level.DEBUG, "Job {0} goes back to its queue: {1}", delivery.jobId(), why);
        if (after.isZero()) {
            republish(delivery);
        } else {
            later(delivery, after);
        }
    }

    /**
     * Leaves the delivery unacked: the broker redelivers it when its channel closes. Only right
     * when the channel is closed or closing (node or consumer stopping); otherwise the message
     * would hold a worker slot, so it is returned to the broker instead.
     */
    void leave(Delivery delivery, String why) {
        if (!claim(delivery, "leave")) {
            return;
        }
        tracked.remove(delivery);
        if (!delivery.channelOpen() || delivery.consumerStopping() || delivery.consumerLost()) {
            LOG.log(Level.DEBUG, "Job {0} is left to the broker: {1}", delivery.jobId(), why);
            delivery.abandon();
        } else {
            delivery.basicReturn();
        }
    }

    /** How many deliveries this node holds unsettled (running, waiting for a slot, or being settled). */
    public int inFlight() {
        return tracked.size();
    }

    /** How many deliveries of the partition this node holds unsettled. */
    public int inFlight(String partition) {
        return (int) tracked.stream().filter(d -> partition.equals(d.partition())).count();
    }

    /** Whether a settlement is still under way (a put-back or copy waiting for its confirm). */
    public boolean settling() {
        return tracked.stream().anyMatch(Delivery::claimed);
    }

    /** Whether nobody has settled or started to settle it yet. */
    boolean open(Delivery delivery) {
        return !delivery.claimed();
    }

    private boolean claim(Delivery delivery, String how) {
        if (delivery.claim()) {
            return true;
        }
        LOG.log(Level.WARNING, "Job {0} from {1}: a second settlement ({2}) was refused; it is settled already",
                delivery.jobId(), delivery.mainQueue(), how);
        return false;
    }

    private void later(Delivery delivery, Duration after) {
        delivery.stage("waiting to be put back");
        try {
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
                    try {
                        container.accept(() -> republish(delivery));
                    } catch (RuntimeException | Error e) {
                        // The timer's thread must survive whatever the container does.
                        returnToBroker(delivery, e);
                    }
                }
            }, Math.max(1, after.toMillis()));
        } catch (IllegalStateException stopped) {
            // The timer is cancelled: the engine is stopping. Put it back now.
            republish(delivery);
        }
    }

    /** A copy to the tail with a confirm, then the ack; if that fails, a requeueing nack. */
    private void republish(Delivery delivery) {
        delivery.stage("publishing the put-back copy");
        try {
            publisher.publish(delivery.mainQueue(), copyProperties(delivery),
                    delivery.body());
        } catch (Exception | Error e) {
            interrupted(e);
            returnToBroker(delivery, e);
            return;
        }
        finish(delivery, true);
    }

    private void returnToBroker(Delivery delivery, Throwable why) {
        LOG.log(Level.INFO, "Republishing job {0} failed ({1}); it is returned to its queue by the broker",
                delivery.jobId(), String.valueOf(why.getMessage()));
        finish(delivery, false);
    }

    private void finish(Delivery delivery, boolean ack) {
        tracked.remove(delivery);
        if (ack) {
            delivery.basicAck();
        } else {
            delivery.basicReturn();
        }
    }

    private static void runQuietly(Runnable beforeAck, Delivery delivery) {
        if (beforeAck == null) {
            return;
        }
        try {
            beforeAck.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Job {0}: releasing its keys failed ({1}); the state owner frees them later",
                    delivery.jobId(), String.valueOf(e.getMessage()));
        }
    }

    private static void interrupted(Throwable e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    /** The delivery's properties for a copy: the same, without the broker's delivery counters. */
    static AMQP.BasicProperties copyProperties(Delivery delivery) {
        AMQP.BasicProperties p = delivery.properties();
        if (p == null || p.getHeaders() == null
                || p.getHeaders().keySet().stream().noneMatch(BROKER_HEADERS::contains)) {
            return p;
        }
        Map<String, Object> headers = new HashMap<>(p.getHeaders());
        headers.keySet().removeAll(BROKER_HEADERS);
        return p.builder().headers(headers).build();
    }
}
