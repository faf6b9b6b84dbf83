package dev.roger.client.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Publishes with publisher confirms over a pool of confirm-mode channels, one borrowed per call
 * (channels are not thread-safe). A channel that failed in any way is closed, not reused.
 * Every publish is mandatory: a message for a queue that does not exist (deleted after Roger
 * declared it) is returned by the broker and reported as not stored, where a plain publish would be
 * confirmed and silently dropped.
 */
public final class ConfirmPublisher implements AutoCloseable {

    private final Supplier<Connection> connection;
    private final Duration confirmTimeout;
    private final BlockingDeque<Channel> idle = new LinkedBlockingDeque<>();
    /** Pauses before each publish of nacked messages again. */
    static final java.util.List<Duration> NACK_PAUSES =
            java.util.List.of(Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofMillis(1000));
    private static final System.Logger LOG = System.getLogger(ConfirmPublisher.class.getName());

    /** Per channel, what the broker answered during the current call. */
    private final java.util.Map<Channel, Confirms> confirms = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.List<java.util.function.IntConsumer> nackListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<java.util.function.Consumer<String>> unroutableListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param connection     gives the open connection, or throws an unchecked exception saying why
     *                       there is none
     * @param confirmTimeout how long to wait for the broker's confirm
     */
    public ConfirmPublisher(Supplier<Connection> connection, Duration confirmTimeout) {
        this.connection = connection;
        this.confirmTimeout = confirmTimeout;
    }

    /** Tells {@code listener} the queue of every message the broker returned as unroutable (e.g. to forget it was declared). */
    public void onUnroutable(java.util.function.Consumer<String> listener) {
        unroutableListeners.add(listener);
    }

    /**
     * One message: published to {@code exchange} with {@code routingKey}; for the default
     * exchange ({@code ""}) the routing key is the queue's name.
     */
    public record Message(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {

        /** A message for the default exchange, straight to {@code queue}. */
        public Message(String queue, AMQP.BasicProperties properties, byte[] body) {
            this("", queue, properties, body);
        }

        /** Where it goes, for messages: the queue, or the exchange and routing key. */
        public String target() {
            return exchange.isEmpty() ? routingKey : "exchange " + exchange + " (" + routingKey + ")";
        }
    }

    /**
     * Publishes messages on one channel and waits once for all their confirms. Messages the broker
     * nacks are published again, only those, after a short pause, up to {@link #NACK_PAUSES} times:
     * by a nack RabbitMQ "refuses responsibility" for a message (its publisher-confirms guide), e.g.
     * a quorum queue that another process is still creating (seen here on 3.10 when a node starts a
     * partition while a client enqueues to it), so publishing it again stores it once.
     *
     * @throws NotPublishedException when nothing was handed to the connection (no channel, or the
     *                               channel was closed before the first message): none is stored
     * @throws NackedException when the broker still refused (nacked) at least one of them after the
     *                         retries
     * @throws IOException when the channel or connection failed after a message was handed over:
     *                     any of them may be stored
     * @throws TimeoutException when not all confirms came in time: any of them may be stored
     */
    public void publishAll(java.util.List<Message> messages) throws IOException, TimeoutException, InterruptedException {
        withChannel(ch -> {
            java.util.List<Message> pending = messages;
            for (int attempt = 0; ; attempt++) {
                java.util.List<Message> nacked = publishAndConfirm(ch, pending, attempt == 0);
                if (nacked.isEmpty()) {
                    return null;
                }
                if (attempt == NACK_PAUSES.size()) {
                    throw new NackedException("RabbitMQ refused (nacked) " + nacked.size() + " of " + messages.size()
                            + (messages.size() == 1 ? " message" : " messages") + " for " + nacked.get(0).target()
                            + ", also when published again " + NACK_PAUSES.size() + " times");
                }
                Duration pause = NACK_PAUSES.get(attempt);
                LOG.log(Level.INFO, "RabbitMQ refused (nacked) {0} of {1} messages for {2}; publishing those again in {3} ms",
                        nacked.size(), pending.size(), nacked.get(0).target(), pause.toMillis());
                nackListeners.forEach(l -> l.accept(nacked.size()));
                Thread.sleep(pause.toMillis());
                pending = nacked;
            }
        });
    }

    /** Tells {@code listener} how many messages were nacked each time before they are published again (for tests). */
    public void onNackedRetry(java.util.function.IntConsumer listener) {
        nackListeners.add(listener);
    }

    /**
     * Publishes to the default exchange and waits for the broker's confirm; a nacked message is
     * published again as in {@link #publishAll}.
     *
     * @throws NotPublishedException when the message was not handed to the connection: it is not stored
     * @throws NackedException when the broker refused (nacked) the message every time: it is not stored
     * @throws IOException when the channel failed after the publish: the message may be stored
     * @throws TimeoutException when no confirm came in time: the message may be stored
     */
    public void publish(String queue, AMQP.BasicProperties props, byte[] body)
            throws IOException, TimeoutException, InterruptedException {
        publishAll(java.util.List.of(new Message(queue, props, body)));
    }

    /**
     * Publishes the messages and waits for their confirms.
     *
     * @return the messages the broker nacked, in order; empty when it confirmed all
     */
    private java.util.List<Message> publishAndConfirm(Channel ch, java.util.List<Message> messages, boolean firstTry)
            throws IOException, TimeoutException, InterruptedException {
        Confirms confirms = this.confirms.get(ch);
        confirms.reset();
        java.util.Map<Long, Message> bySeqNo = new java.util.HashMap<>();
        boolean first = firstTry;
        for (Message m : messages) {
            long seqNo = ch.getNextPublishSeqNo();
            confirms.sent(seqNo);
            publish(ch, m.exchange(), m.routingKey(), m.properties(), m.body(), first);
            bySeqNo.put(seqNo, m);
            first = false;
        }
        boolean allAcked = ch.waitForConfirms(confirmTimeout.toMillis());
        requireRouted(ch);
        if (allAcked) {
            return java.util.List.of();
        }
        java.util.List<Message> nacked = confirms.nacked().stream().map(bySeqNo::get)
                .filter(java.util.Objects::nonNull).toList();
        if (nacked.isEmpty()) {
            throw new NackedException("RabbitMQ refused (nacked) at least one message");
        }
        return nacked;
    }

    /** The broker returns an unroutable message before it confirms it, so after the confirms the returns are known. */
    private void requireRouted(Channel ch) throws NackedException {
        java.util.List<String> returned = confirms.get(ch).returned;
        if (returned.isEmpty()) {
            return;
        }
        java.util.List<String> queues = java.util.List.copyOf(returned);
        returned.clear();
        for (String queue : queues) {
            unroutableListeners.forEach(l -> l.accept(queue));
        }
        throw new NackedException("RabbitMQ has no queue " + queues.get(0)
                + " (deleted?): it returned the message instead of storing it");
    }

    /**
     * The client checks that the channel is open before it writes any byte of a message, so a
     * closed channel at the first message of a publish means the broker has none of it.
     */
    private void publish(Channel ch, String exchange, String routingKey, AMQP.BasicProperties props, byte[] body,
                         boolean first) throws IOException {
        try {
            ch.basicPublish(exchange, routingKey, true, props, body);
        } catch (AlreadyClosedException e) {
            if (first) {
                throw new NotPublishedException("the channel was closed before the publish: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * What the broker answered on one channel during the current call: the sequence numbers it
     * nacked and the queues of returned messages. The client calls the listeners before it counts
     * a confirm, so once {@code waitForConfirms} returns they are complete.
     */
    private static final class Confirms {
        private final java.util.NavigableSet<Long> outstanding = new java.util.concurrent.ConcurrentSkipListSet<>();
        private final java.util.NavigableSet<Long> nacked = new java.util.concurrent.ConcurrentSkipListSet<>();
        final java.util.List<String> returned = new java.util.concurrent.CopyOnWriteArrayList<>();

        void reset() {
            outstanding.clear();
            nacked.clear();
            returned.clear();
        }

        void sent(long seqNo) {
            outstanding.add(seqNo);
        }

        void acked(long seqNo, boolean multiple) {
            settled(seqNo, multiple);
        }

        void nacked(long seqNo, boolean multiple) {
            nacked.addAll(settled(seqNo, multiple));
        }

        java.util.Set<Long> nacked() {
            return nacked;
        }

        private java.util.Set<Long> settled(long seqNo, boolean multiple) {
            java.util.Set<Long> settled = new java.util.HashSet<>();
            if (multiple) {
                java.util.NavigableSet<Long> upTo = outstanding.headSet(seqNo, true);
                settled.addAll(upTo);
                upTo.clear();
            } else if (outstanding.remove(seqNo)) {
                settled.add(seqNo);
            }
            return settled;
        }
    }

    /** Runs an action on a pooled confirm-mode channel; a failure closes that channel. */
    public <T> T withChannel(ChannelAction<T> action) throws IOException, TimeoutException, InterruptedException {
        Channel ch = borrow();
        boolean healthy = false;
        try {
            T result = action.apply(ch);
            healthy = ch.isOpen();
            return result;
        } catch (RuntimeException e) {
            // The AMQP client signals a closed channel or connection with unchecked exceptions.
            throw new IOException(e.getMessage(), e);
        } finally {
            if (healthy) {
                idle.offerFirst(ch);
            } else {
                abandon(ch);
            }
        }
    }

    private Channel borrow() throws IOException {
        Channel ch;
        while ((ch = idle.pollFirst()) != null) {
            if (ch.isOpen()) {
                return ch;
            }
        }
        try {
            ch = Channels.open(connection);
        } catch (IOException e) {
            throw new NotPublishedException(e.getMessage(), e);
        }
        Confirms answers = new Confirms();
        confirms.put(ch, answers);
        ch.addReturnListener(r -> answers.returned.add(r.getRoutingKey()));
        ch.addConfirmListener(answers::acked, answers::nacked);
        try {
            ch.confirmSelect();
        } catch (IOException | RuntimeException e) {
            abandon(ch);
            throw new NotPublishedException("cannot put a channel in confirm mode: " + e.getMessage(), e);
        }
        return ch;
    }

    /**
     * Closes a failed channel without waiting: closing waits for the broker's close-ok, which a
     * hung broker never sends, and the caller must get its error now.
     */
    private void abandon(Channel ch) {
        confirms.remove(ch);
        Thread closer = new Thread(() -> closeQuietly(ch), "roger-channel-close");
        closer.setDaemon(true);
        closer.start();
    }

    private static void closeQuietly(Channel ch) {
        try {
            if (ch.isOpen()) {
                ch.abort();
            }
        } catch (IOException | RuntimeException ignored) {
            // Closing a broken channel can fail in many ways; it is gone either way.
        }
    }

    @Override
    public void close() {
        Channel ch;
        while ((ch = idle.pollFirst()) != null) {
            confirms.remove(ch);
            closeQuietly(ch);
        }
    }
}
