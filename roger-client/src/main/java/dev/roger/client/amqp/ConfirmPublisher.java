package dev.roger.client.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
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
    /** Per channel, the queues of the messages the broker returned during the current call. */
    private final java.util.Map<Channel, java.util.List<String>> returns = new java.util.concurrent.ConcurrentHashMap<>();
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

    /** One message for the default exchange. */
    public record Message(String queue, AMQP.BasicProperties properties, byte[] body) {
    }

    /**
     * Publishes messages on one channel and waits once for all their confirms.
     *
     * @throws NotPublishedException when nothing was handed to the connection (no channel, or the
     *                               channel was closed before the first message): none is stored
     * @throws NackedException when the broker refused (nacked) at least one of them
     * @throws IOException when the channel or connection failed after a message was handed over:
     *                     any of them may be stored
     * @throws TimeoutException when not all confirms came in time: any of them may be stored
     */
    public void publishAll(java.util.List<Message> messages) throws IOException, TimeoutException, InterruptedException {
        withChannel(ch -> {
            boolean first = true;
            for (Message m : messages) {
                publish(ch, m.queue(), m.properties(), m.body(), first);
                first = false;
            }
            if (!ch.waitForConfirms(confirmTimeout.toMillis())) {
                throw new NackedException("RabbitMQ refused (nacked) at least one message");
            }
            requireRouted(ch);
            return null;
        });
    }

    /**
     * Publishes to the default exchange and waits for the broker's confirm.
     *
     * @throws NotPublishedException when the message was not handed to the connection: it is not stored
     * @throws NackedException when the broker refused (nacked) the message: it is not stored
     * @throws IOException when the channel failed after the publish: the message may be stored
     * @throws TimeoutException when no confirm came in time: the message may be stored
     */
    public void publish(String queue, AMQP.BasicProperties props, byte[] body)
            throws IOException, TimeoutException, InterruptedException {
        withChannel(ch -> {
            publish(ch, queue, props, body, true);
            if (!ch.waitForConfirms(confirmTimeout.toMillis())) {
                throw new NackedException("RabbitMQ refused (nacked) the message");
            }
            requireRouted(ch);
            return null;
        });
    }

    /** The broker returns an unroutable message before it confirms it, so after the confirms the returns are known. */
    private void requireRouted(Channel ch) throws NackedException {
        java.util.List<String> returned = returns.get(ch);
        if (returned == null || returned.isEmpty()) {
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
    private void publish(Channel ch, String queue, AMQP.BasicProperties props, byte[] body, boolean first)
            throws IOException {
        if (first) {
            java.util.List<String> stale = returns.get(ch);
            if (stale != null) {
                stale.clear();
            }
        }
        try {
            ch.basicPublish("", queue, true, props, body);
        } catch (AlreadyClosedException e) {
            if (first) {
                throw new NotPublishedException("the channel was closed before the publish: " + e.getMessage(), e);
            }
            throw e;
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
        java.util.List<String> returned = new java.util.concurrent.CopyOnWriteArrayList<>();
        returns.put(ch, returned);
        ch.addReturnListener(r -> returned.add(r.getRoutingKey()));
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
        returns.remove(ch);
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
            returns.remove(ch);
            closeQuietly(ch);
        }
    }
}
