package dev.roger.client.admin;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.roger.api.Job;
import dev.roger.client.amqp.Channels;
import dev.roger.client.amqp.Errors;
import dev.roger.client.wire.JobCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Empties a queue of the jobs waiting in it, reading each one (AMQP's {@code queue.purge} would
 * not say which queue keys they held). It takes at most the messages the queue held when it
 * began, so jobs enqueued meanwhile stay; messages a consumer holds are not touched.
 */
final class QueuePurger {

    private static final int BATCH = 500;

    /** What one queue's purge removed: the count, and the queue keys the jobs held (job id, key). */
    record Purged(long removed, List<Job> keyed) {
    }

    private final Supplier<Connection> connection;

    QueuePurger(Supplier<Connection> connection) {
        this.connection = connection;
    }

    /** Purges {@code queue}; a queue that does not exist had nothing. */
    Purged purge(String queue) throws IOException {
        Channel ch = Channels.open(connection);
        try {
            long waiting;
            try {
                waiting = ch.queueDeclarePassive(queue).getMessageCount();
            } catch (IOException e) {
                if (Errors.isChannelClose(e, Errors.NOT_FOUND)) {
                    return new Purged(0, List.of());
                }
                throw e;
            }
            long removed = 0;
            List<Job> keyed = new ArrayList<>();
            while (removed < waiting) {
                long lastTag = -1;
                int inBatch = 0;
                while (inBatch < BATCH && removed + inBatch < waiting) {
                    GetResponse got = ch.basicGet(queue, false);
                    if (got == null) {
                        break;
                    }
                    lastTag = got.getEnvelope().getDeliveryTag();
                    inBatch++;
                    keyOf(got.getBody()).ifPresent(keyed::add);
                }
                if (lastTag < 0) {
                    break;
                }
                ch.basicAck(lastTag, true);
                removed += inBatch;
            }
            return new Purged(removed, keyed);
        } finally {
            try {
                ch.close();
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                // Acks were sent; nothing else is held.
            }
        }
    }

    /** The job, when it holds a queue key (a malformed one holds none). */
    private static java.util.Optional<Job> keyOf(byte[] body) {
        try {
            Job job = JobCodec.decode(body);
            return job.queueKey().isPresent() ? java.util.Optional.of(job) : java.util.Optional.empty();
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
