package dev.roger.ra.inbound;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumes one queue of one partition on its own channel with prefetch = workers, so at most
 * {@code workers} jobs of that queue are in progress on this node. Acks are serialized on the
 * channel (channels are not thread-safe). Stopping cancels the consumer and closes the channel
 * once the jobs in progress are settled, so no running job is redelivered elsewhere.
 */
public final class QueueConsumer extends DefaultConsumer {

    private static final System.Logger LOG = System.getLogger(QueueConsumer.class.getName());

    private final String partition;
    private final String queue;
    private final String mainQueue;
    private final int workers;
    private final java.util.function.Consumer<Delivery> dispatcher;
    private final AtomicInteger inProgress = new AtomicInteger();
    private volatile boolean stopping;
    private volatile boolean cancelledByBroker;
    private volatile boolean channelLost;

    private QueueConsumer(Channel channel, String mainQueue, String partition, String queue, int workers,
                          java.util.function.Consumer<Delivery> dispatcher) {
        super(channel);
        this.mainQueue = mainQueue;
        this.partition = partition;
        this.queue = queue;
        this.workers = workers;
        this.dispatcher = dispatcher;
    }

    /** Opens consumption of {@code mainQueue}, the broker's queue of {@code partition}'s {@code queue}. */
    public static QueueConsumer start(Channel channel, String mainQueue, String partition, String queue, int workers,
                                      JobDispatcher dispatcher) throws IOException {
        return consume(channel, mainQueue, partition, queue, workers, d -> dispatcher.dispatch(d));
    }

    /** Opens consumption of {@code queue} for deliveries that {@code sink} takes in place of a dispatcher. */
    static QueueConsumer consume(Channel channel, String mainQueue, String partition, String queue, int workers,
                                 java.util.function.Consumer<Delivery> sink) throws IOException {
        QueueConsumer consumer = new QueueConsumer(channel, mainQueue, partition, queue, workers, sink);
        if (channel instanceof com.rabbitmq.client.Recoverable recoverable) {
            recoverable.addRecoveryListener(new com.rabbitmq.client.RecoveryListener() {
                @Override
                public void handleRecovery(com.rabbitmq.client.Recoverable r) {
                    // Recovery brings back the consumer too; one that was stopped meanwhile must go.
                    if (consumer.stopping) {
                        consumer.closeIfDrained();
                    }
                }

                @Override
                public void handleRecoveryStarted(com.rabbitmq.client.Recoverable r) {
                    // Nothing to do until the channel is back.
                }
            });
        }
        channel.basicQos(workers, false);
        channel.basicConsume(mainQueue, false, consumer);
        return consumer;
    }

    public String partition() {
        return partition;
    }

    public String queue() {
        return queue;
    }

    /** The name of the broker's queue it consumes (in this node's cluster). */
    public String mainQueue() {
        return mainQueue;
    }

    /** Deliveries taken and not settled yet on this consumer's channel (running or about to). */
    public int inFlight() {
        return Math.max(0, inProgress.get());
    }

    public int workers() {
        return workers;
    }

    boolean stopping() {
        return stopping;
    }

    /**
     * Whether the broker took this consumer's deliveries back: it cancelled the consumer (RabbitMQ
     * 4.3's consumer timeout on a quorum queue, a deleted queue) or closed its channel. A delivery
     * of it that has not started must then neither run nor be copied back: the broker has it.
     */
    boolean lost() {
        return cancelledByBroker || channelLost || !getChannel().isOpen();
    }

    /**
     * Whether it still consumes, or will once the connection recovers: not stopped, not cancelled
     * by the broker, its channel not closed by a channel error (a lost connection brings its
     * channels and consumers back by itself; replacing them meanwhile would double the consumer).
     */
    public boolean healthy() {
        return !stopping && !cancelledByBroker && !channelLost;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        inProgress.incrementAndGet();
        dispatcher.accept(new Delivery(this, envelope.getDeliveryTag(), properties, body, envelope.isRedeliver()));
    }

    @Override
    public void handleCancel(String consumerTag) {
        // The broker cancels consumers when the queue is deleted or a quorum queue loses its
        // leader; the partition registry notices and starts a new consumer.
        cancelledByBroker = true;
        LOG.log(Level.WARNING, "RabbitMQ cancelled the consumer of {0}; it will be restarted",
                mainQueue);
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException sig) {
        if (!sig.isHardError()) {
            channelLost = true;
        }
        if (!stopping && !sig.isInitiatedByApplication()) {
            LOG.log(Level.INFO, "Channel of {0} closed: {1}", mainQueue, sig.getMessage());
        }
    }

    /**
     * Stops taking new jobs: cancels the consumer; the channel closes when the jobs in progress
     * are settled (jobs not yet started go back to the queue).
     */
    public void stop() {
        stopping = true;
        try {
            synchronized (getChannel()) {
                if (getConsumerTag() != null && getChannel().isOpen()) {
                    getChannel().basicCancel(getConsumerTag());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Cancel of consumer failed; closing its channel", e);
        }
        closeIfDrained();
    }

    /**
     * Settles a delivery: ack, or a requeueing nack. A nack, not a reject: RabbitMQ 4.3 counts a
     * reject as a failed delivery toward a quorum queue's delivery limit, and a put-back is none.
     */
    void settle(long tag, boolean ack) {
        Channel channel = getChannel();
        try {
            synchronized (channel) {
                if (ack) {
                    channel.basicAck(tag, false);
                } else {
                    channel.basicNack(tag, false, true);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The channel or connection closed: the broker has already put the message back.
            LOG.log(Level.INFO, "Could not {0} a delivery on {1} ({2}); RabbitMQ redelivers it",
                    ack ? "ack" : "requeue", mainQueue, e.getMessage());
        } finally {
            inProgress.decrementAndGet();
            closeIfDrained();
        }
    }

    /** A delivery left unacked on purpose (the channel or node is going away): no longer in progress here. */
    void abandon() {
        inProgress.decrementAndGet();
        closeIfDrained();
    }

    void closeIfDrained() {
        if (stopping && inProgress.get() <= 0) {
            Channel channel = getChannel();
            try {
                synchronized (channel) {
                    if (channel.isOpen()) {
                        channel.close();
                    }
                }
            } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
                LOG.log(Level.DEBUG, "Closing a stopped consumer's channel failed", e);
            }
        }
    }
}
