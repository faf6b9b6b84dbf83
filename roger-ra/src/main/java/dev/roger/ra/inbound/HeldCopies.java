package dev.roger.ra.inbound;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.roger.client.amqp.Channels;
import dev.roger.client.amqp.ConfirmPublisher;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Copies of detached long jobs, each held unacknowledged by this node on one channel of its own:
 * while the node lives the copy stays there; when its connection dies the broker puts the copy
 * back in {@code roger.held.<node>-<random>}, whose message TTL has long passed, and dead-letters
 * it to the job's queue, so the job runs again (at least once). The copies reach that queue
 * through the headers exchange {@code roger.held}, routed by the queue's holder id, with the job's
 * queue as routing key, which dead-lettering keeps. The random part makes the queue this
 * process's alone, even when two nodes are given one name; a dead process's queue expires.
 */
final class HeldCopies {

    private static final System.Logger LOG = System.getLogger(HeldCopies.class.getName());

    static final String EXCHANGE = "roger.held";
    /** The routing header: a headers exchange ignores the headers whose names start with {@code x-}. */
    static final String HELD_ON = "roger-held-on";
    static final String HOLD_ID = "x-roger-hold-id";
    static final String LOST_RUNS = "x-roger-lost-runs";
    /** How long a copy may take to reach this node's consumer before it goes back to its job's queue. */
    private static final Duration COPY_TTL = Duration.ofSeconds(30);
    /** A dead node's queue goes after an hour without a consumer (its copies left long before). */
    private static final Duration QUEUE_EXPIRY = Duration.ofHours(1);

    private final Supplier<Connection> connection;
    private final ConfirmPublisher publisher;
    private final String holder;
    private final String queue;
    private final Duration arrivalTimeout;
    private final Map<String, CompletableFuture<Long>> arriving = new HashMap<>();
    private final Set<String> abandoned = new HashSet<>();
    private Channel channel;
    /** Raised whenever the channel closes: copies held on an earlier one went back to their queues. */
    private volatile int generation;

    /**
     * @param arrivalTimeout how long {@link #hold} waits for its copy to reach this node's consumer
     */
    HeldCopies(Supplier<Connection> connection, ConfirmPublisher publisher, String node, Duration arrivalTimeout) {
        this.connection = connection;
        this.publisher = publisher;
        this.holder = node + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.queue = queueName(holder);
        this.arrivalTimeout = arrivalTimeout;
    }

    /** {@code roger.held.<holder>}, or a digest of the holder where that would pass RabbitMQ's 255 bytes. */
    static String queueName(String holder) {
        String name = EXCHANGE + "." + holder;
        return name.getBytes(StandardCharsets.UTF_8).length <= 255 ? name
                : EXCHANGE + "." + UUID.nameUUIDFromBytes(holder.getBytes(StandardCharsets.UTF_8));
    }

    String queue() {
        return queue;
    }

    /** A copy of the delivery, held here, or an exception when it could not be confirmed as held. */
    Held hold(Delivery delivery) throws IOException, TimeoutException, InterruptedException {
        int gen = ensureConsuming();
        String id = UUID.randomUUID().toString();
        CompletableFuture<Long> arrival = new CompletableFuture<>();
        synchronized (this) {
            arriving.put(id, arrival);
        }
        String mainQueue = delivery.mainQueue();
        AMQP.BasicProperties props = copyProperties(delivery, id);
        try {
            publisher.withChannel(ch -> {
                ch.basicPublish(EXCHANGE, mainQueue, props, delivery.body());
                if (!ch.waitForConfirms(arrivalTimeout.toMillis())) {
                    throw new IOException("RabbitMQ refused (nacked) the held copy");
                }
                return null;
            });
            long tag = arrival.get(arrivalTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Held(tag, gen);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            abandon(id, arrival);
            throw e;
        }
    }

    /**
     * Gives up a copy that did not arrive in time: when it comes later it is dropped, as the job
     * still holds its delivery. (A copy that never arrives goes back to the job's queue after the
     * TTL: the job then runs twice, as with any lost connection.)
     */
    private synchronized void abandon(String id, CompletableFuture<Long> arrival) {
        if (arriving.remove(id, arrival)) {
            abandoned.add(id);
        } else if (arrival.isDone() && !arrival.isCompletedExceptionally()) {
            settle(arrival.join(), generation, true);
        }
    }

    private AMQP.BasicProperties copyProperties(Delivery delivery, String id) {
        AMQP.BasicProperties original = delivery.properties() != null ? delivery.properties()
                : new AMQP.BasicProperties.Builder().build();
        Map<String, Object> headers = new HashMap<>();
        if (original.getHeaders() != null) {
            headers.putAll(original.getHeaders());
        }
        // The broker's count restarts in the job's queue; what it counted so far, and this copy's
        // use if it is ever needed (this node died), carry over in a header of Roger's.
        headers.keySet().removeAll(Settler.BROKER_HEADERS);
        headers.put(LOST_RUNS, delivery.deliveryCount() + 1);
        headers.put(HELD_ON, holder);
        headers.put(HOLD_ID, id);
        return original.builder().headers(headers).deliveryMode(2).build();
    }

    /** Opens the channel, declares the queue and consumes it, unless that is done; the channel's generation. */
    private synchronized int ensureConsuming() throws IOException {
        if (channel != null && channel.isOpen()) {
            return generation;
        }
        Channel ch = Channels.open(connection);
        try {
            ch.exchangeDeclare(EXCHANGE, "headers", true);
            ch.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "classic",
                    "x-message-ttl", COPY_TTL.toMillis(), "x-dead-letter-exchange", "",
                    "x-expires", QUEUE_EXPIRY.toMillis()));
            ch.queueBind(queue, EXCHANGE, "", Map.of("x-match", "all", HELD_ON, holder));
            ch.addShutdownListener(cause -> lost());
            ch.basicConsume(queue, false, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties p, byte[] body) {
                    arrived(envelope.getDeliveryTag(), p);
                }
            });
        } catch (IOException | RuntimeException e) {
            try {
                ch.abort();
            } catch (IOException | RuntimeException ignored) {
                // Unusable either way.
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        channel = ch;
        return generation;
    }

    private synchronized void lost() {
        generation++;
    }

    private void arrived(long tag, AMQP.BasicProperties props) {
        Object id = props.getHeaders() == null ? null : props.getHeaders().get(HOLD_ID);
        String key = id == null ? null : id.toString();
        int gen = generation;
        synchronized (this) {
            CompletableFuture<Long> waiting = key == null ? null : arriving.remove(key);
            if (waiting != null) {
                waiting.complete(tag);
                return;
            }
            if (key != null && abandoned.remove(key)) {
                settle(tag, gen, true);
                return;
            }
        }
        // A copy the broker put back before its TTL ran out (its channel closed) and offers again:
        // nobody holds it now, so it goes back to its job's queue, as it would have after the TTL.
        LOG.log(Level.INFO, "A copy of job {0} held before on {1} came back; it goes back to its queue",
                props.getMessageId(), queue);
        settle(tag, gen, false);
    }

    /** Acks a copy (dropped), or rejects it, which dead-letters it back to its job's queue. */
    private void settle(long tag, int gen, boolean ack) {
        Channel ch;
        synchronized (this) {
            ch = channel;
        }
        if (ch == null || gen != generation) {
            // Its channel closed since: the broker already sent the copy back to its job's queue.
            return;
        }
        try {
            synchronized (ch) {
                if (ack) {
                    ch.basicAck(tag, false);
                } else {
                    ch.basicReject(tag, false);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not settle a held copy on {0} ({1}); the broker returns it", queue,
                    e.getMessage());
        }
    }

    /** One copy held on this node's channel. */
    final class Held {
        private final long tag;
        private final int gen;
        private final long heldSince = System.nanoTime();
        private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

        private Held(long tag, int gen) {
            this.tag = tag;
            this.gen = gen;
        }

        /** When it arrived ({@link System#nanoTime()}): the consumer timeout applies to it as well. */
        long heldSince() {
            return heldSince;
        }

        /** Whether it is still held (false: its channel closed and the broker sent it back to its queue). */
        boolean held() {
            return gen == generation;
        }

        /** The job ended: the copy is dropped ({@code ack}) or goes back to the job's queue. */
        void release(boolean ack) {
            // Once only: a second ack of one tag is a channel error, which would send every copy
            // held on the channel back to its queue.
            if (released.compareAndSet(false, true)) {
                settle(tag, gen, ack);
            }
        }
    }
}
