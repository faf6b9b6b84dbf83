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

    public AMQP.BasicProperties properties() {
        return properties;
    }

    public byte[] body() {
        return body;
    }

    public boolean redelivered() {
        return redelivered;
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
