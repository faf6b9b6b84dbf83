package dev.roger.ra.inbound;

import com.rabbitmq.client.Channel;
import dev.roger.api.Names;
import dev.roger.client.amqp.BrokerNames;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

/**
 * Buries the jobs RabbitMQ dead-lettered from a main queue. A quorum main queue dead-letters to the
 * cluster's {@link BrokerNames#deadLettered()} queue (see {@code QueueDeclarer.mainArguments}); the
 * broker does so when a job was returned more often than the queue's delivery limit (RabbitMQ 4.0
 * sets 20 by default and, without a target, drops the job). Each node consumes that queue and buries
 * every job it finds there in its own partition queue's buried queue, with the broker's reason,
 * through the {@link Settler} like any other burial: the buried copy is confirmed before the
 * dead-lettered message is acked, and if it cannot be, the job goes back to its main queue.
 */
public final class DeadLetteredJobs {

    private static final System.Logger LOG = System.getLogger(DeadLetteredJobs.class.getName());
    /** At most this many dead-lettered jobs being buried at once on a node. */
    private static final int PREFETCH = 10;

    private final BrokerNames names;
    private final Settler settler;
    private QueueConsumer consumer;

    public DeadLetteredJobs(BrokerNames names, Settler settler) {
        this.names = names;
        this.settler = settler;
    }

    /** Where its consumer's channel comes from. */
    public interface Channels {
        Channel open() throws IOException;
    }

    /** Starts consuming unless it does; connection recovery keeps it afterwards. */
    public synchronized void ensureOpen(Channels channels) throws IOException {
        if (consumer != null && consumer.healthy()) {
            return;
        }
        if (consumer != null) {
            consumer.stop();
        }
        Channel ch = channels.open();
        String queue = names.deadLettered();
        ch.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "classic"));
        consumer = QueueConsumer.consume(ch, queue, "", "", PREFETCH, this::bury);
    }

    /** Stops consuming; jobs being buried still are. */
    public synchronized void close() {
        if (consumer != null) {
            consumer.stop();
            consumer = null;
        }
    }

    private void bury(Delivery delivery) {
        settler.track(delivery);
        Map<String, Object> headers = delivery.properties() == null ? null : delivery.properties().getHeaders();
        String from = text(headers, "x-first-death-queue", "queue");
        String reason = text(headers, "x-first-death-reason", "reason");
        String partition = names.partitionOf(from).orElse(null);
        if (from == null || partition == null) {
            // Not from a Roger main queue (a queue someone else pointed here): kept in a buried
            // queue named after where it came from, so it is neither lost nor looping.
            from = from == null ? names.deadLettered() : from;
            partition = from;
            LOG.log(Level.WARNING, "A message ({0}) was dead-lettered to {1} from {2}, which is no Roger main queue; "
                    + "it is kept in {3}", delivery.messageId(), names.deadLettered(), from, Names.buriedQueueOf(from));
        }
        String queue = from.substring(from.lastIndexOf('-') + 1);
        delivery.origin(new Delivery.Origin(partition, queue, from));
        int returns = delivery.deliveryCount();
        String why = "RabbitMQ dead-lettered it from " + from + ": " + describe(reason);
        LOG.log(Level.WARNING, "Job {0} from {1}: {2}; it is buried", delivery.jobId(), from, why);
        settler.bury(delivery, delivery.body(), why, null, returns, null);
    }

    private static String describe(String reason) {
        if ("delivery_limit".equals(reason)) {
            return "it was returned to its queue without an ack more often than the queue's delivery limit "
                    + "(20 by default from RabbitMQ 4.0): its node died or lost its connection while holding it each time";
        }
        if ("rejected".equals(reason)) {
            return "a consumer rejected it";
        }
        if ("expired".equals(reason)) {
            return "its time to live in the queue ran out";
        }
        if ("maxlen".equals(reason)) {
            return "the queue was over its length bound";
        }
        return reason == null ? "no reason given" : reason;
    }

    /** The header {@code name}, else the first x-death entry's {@code deathKey}; null when neither. */
    private static String text(Map<String, Object> headers, String name, String deathKey) {
        if (headers == null) {
            return null;
        }
        Object v = headers.get(name);
        if (v == null && headers.get("x-death") instanceof List<?> deaths && !deaths.isEmpty()
                && deaths.get(0) instanceof Map<?, ?> first) {
            v = first.get(deathKey);
        }
        return v == null ? null : v.toString();
    }
}
