package dev.roger.client.amqp;

/** The RabbitMQ type of a partition's main queues. */
public enum QueueType {
    /** Replicated, durable (RabbitMQ 3.8+); the default, as in the original Roger since 3.2. */
    QUORUM,
    /** A durable classic queue. */
    CLASSIC;

    /**
     * Reads {@code quorum} or {@code classic}, in any case.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static QueueType parse(String text) {
        for (QueueType t : values()) {
            if (t.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("Invalid queue type '" + text + "': must be quorum or classic");
    }
}
