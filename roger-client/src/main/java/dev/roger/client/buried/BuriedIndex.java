package dev.roger.client.buried;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.roger.api.BuriedJob;
import dev.roger.api.StateUnavailableException;
import dev.roger.client.amqp.Errors;
import dev.roger.client.wire.FailureHeaders;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The buried jobs of the cluster as the buried log says: it reads the log from its start once,
 * then follows it, folding burials in and removals out. A {@link #snapshot()} first writes a mark
 * to the log and waits until it has read it, so it holds every burial confirmed before the call.
 */
final class BuriedIndex {

    private static final System.Logger LOG = System.getLogger(BuriedIndex.class.getName());
    /** Removals met before their burial (not expected; kept so the burial is not listed when it comes). */
    private static final int MAX_EARLY_REMOVALS = 100_000;

    /** A job in a buried queue: where its burial is in the log, and what it is. */
    record Entry(long offset, String burial, String buriedQueue, BuriedJob job) {
    }

    private final Supplier<Connection> connection;
    private final BuriedLog log;
    private final BuriedMessages messages;
    private final Duration timeout;
    private final Object lock = new Object();
    /** By burial id, in the log's order. */
    private final LinkedHashMap<String, Entry> live = new LinkedHashMap<>();
    private final Set<String> earlyRemovals = new LinkedHashSet<>();
    private final Map<String, CountDownLatch> marks = new ConcurrentHashMap<>();
    private long next;
    private Channel reader;

    BuriedIndex(Supplier<Connection> connection, BuriedLog log, BuriedMessages messages, Duration timeout) {
        this.connection = connection;
        this.log = log;
        this.messages = messages;
        this.timeout = timeout;
    }

    /**
     * The buried jobs, oldest burial first, as of now: every burial confirmed before this call,
     * minus the removals recorded before it.
     *
     * @throws StateUnavailableException when the log could not be read up to now in time
     */
    List<Entry> snapshot() {
        String id = UUID.randomUUID().toString();
        CountDownLatch seen = new CountDownLatch(1);
        marks.put(id, seen);
        try {
            Connection c = connection.get();
            follow(c);
            try (Channel ch = c.createChannel()) {
                ch.confirmSelect();
                log.mark(ch, id);
                ch.waitForConfirmsOrDie(timeout.toMillis());
            }
            if (!seen.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StateUnavailableException("Roger did not read the buried log " + log.stream()
                        + " to its end in " + timeout.toSeconds() + " s (at record " + position() + ")");
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            if (e instanceof StateUnavailableException s) {
                throw s;
            }
            throw new StateUnavailableException("Roger could not read the buried log " + log.stream() + ": "
                    + Errors.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateUnavailableException("Interrupted while reading the buried log " + log.stream(), e);
        } finally {
            marks.remove(id);
        }
        synchronized (lock) {
            return List.copyOf(live.values());
        }
    }

    private long position() {
        synchronized (lock) {
            return next;
        }
    }

    /** Starts reading where it stopped (from the log's start the first time), unless it reads. */
    private synchronized void follow(Connection c) throws IOException, TimeoutException {
        if (reader != null && reader.isOpen()) {
            return;
        }
        log.declare(c);
        Channel ch = c.createChannel();
        ch.basicQos(1000);
        long from = position();
        Object offset = from == 0 ? "first" : (Object) from;
        ch.basicConsume(log.stream(), false, Map.of("x-stream-offset", offset), new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                try {
                    read(envelope, props, body);
                } catch (RuntimeException e) {
                    // A record it cannot read is skipped rather than stopping the index.
                    LOG.log(Level.WARNING, "Skipped unreadable record of the buried log " + log.stream(), e);
                }
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        });
        reader = ch;
    }

    private void read(Envelope envelope, AMQP.BasicProperties props, byte[] body) {
        Map<String, Object> h = props.getHeaders();
        Object at = h == null ? null : h.get("x-stream-offset");
        long offset = at instanceof Number n ? n.longValue() : -1;
        String kind = FailureHeaders.text(h, BuriedLog.RECORD);
        if (BuriedLog.MARK.equals(kind)) {
            advance(offset);
            // Every record before the mark is folded in: they were read first, on this thread.
            CountDownLatch seen = marks.get(props.getMessageId());
            if (seen != null) {
                seen.countDown();
            }
            return;
        }
        synchronized (lock) {
            if (offset >= 0 && offset < next) {
                return; // read again after a recovery that resumed from an older offset
            }
            next = offset + 1;
            if (BuriedLog.REMOVED.equals(kind)) {
                String burial = FailureHeaders.text(h, BuriedLog.BURIAL);
                if (burial != null && live.remove(burial) == null) {
                    earlyRemovals.add(burial);
                    if (earlyRemovals.size() > MAX_EARLY_REMOVALS) {
                        earlyRemovals.remove(earlyRemovals.iterator().next());
                    }
                }
                return;
            }
            String burial = BuriedMessages.burial(props).orElse("log-" + offset);
            if (earlyRemovals.remove(burial)) {
                return;
            }
            String queue = envelope.getRoutingKey();
            live.remove(burial);
            live.put(burial, new Entry(offset, burial, queue, messages.describe(queue, props, body)));
        }
    }

    private void advance(long offset) {
        synchronized (lock) {
            next = Math.max(next, offset + 1);
        }
    }
}
