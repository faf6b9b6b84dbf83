package dev.roger.ra.inbound;

import com.rabbitmq.client.AMQP;

/**
 * One message delivered to a {@link QueueConsumer}, to be settled exactly once on the channel it
 * came from.
 */
public final class Delivery {

    private final QueueConsumer consumer;
    private final long tag;
    private final AMQP.BasicProperties properties;
    private final byte[] body;
    private final boolean redelivered;

    Delivery(QueueConsumer consumer, long tag, AMQP.BasicProperties properties, byte[] body, boolean redelivered) {
        this.consumer = consumer;
        this.tag = tag;
        this.properties = properties;
        this.body = body;
        this.redelivered = redelivered;
    }

    public String partition() {
        return consumer.partition();
    }

    public String queue() {
        return consumer.queue();
    }

    /** The broker's queue it came from: its retry, buried and requeued copies are named after it. */
    public String mainQueue() {
        return consumer.mainQueue();
    }

    public AMQP.BasicProperties properties() {
        return properties;
    }

    public byte[] body() {
        return body;
    }

    public boolean redelivered() {
        return redelivered;
    }

    /**
     * How many times the broker gave this message out before without it being acked: the
     * {@code x-delivery-count} header of quorum queues (0 for a first delivery, and always 0 on
     * classic queues, which do not count).
     */
    public int deliveryCount() {
        Object v = properties == null || properties.getHeaders() == null ? null
                : properties.getHeaders().get("x-delivery-count");
        return v instanceof Number n ? n.intValue() : 0;
    }

    /** The message id property, which is the job id for messages Roger published. */
    public String messageId() {
        return properties == null ? null : properties.getMessageId();
    }

    /** Whether the consumer is being stopped, so a job not yet started should go back to the queue. */
    boolean consumerStopping() {
        return consumer.stopping();
    }

    /** Acknowledges: the outcome is recorded. */
    void ack() {
        consumer.settle(tag, true);
    }

    /** Returns the message to its queue, for this or another node to run. */
    void requeue() {
        consumer.settle(tag, false);
    }
}
