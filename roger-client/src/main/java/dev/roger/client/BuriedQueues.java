package dev.roger.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.roger.api.BuriedJob;
import dev.roger.api.Job;
import dev.roger.api.RogerException;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.amqp.Errors;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.client.cluster.ClusterClient;
import dev.roger.client.wire.FailureHeaders;
import dev.roger.client.wire.JobCodec;
import dev.roger.client.wire.JobDecodeException;
import dev.roger.client.wire.JobMessages;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The operations on a partition queue's buried queue: list, retry, delete. A buried queue is
 * read by taking its messages without acking them on a channel of its own, then closing the
 * channel, which puts back in their order the ones not retried or deleted.
 */
public final class BuriedQueues {

    private static final System.Logger LOG = System.getLogger(BuriedQueues.class.getName());

    private final Supplier<Connection> connection;
    private final QueueDeclarer declarer;
    private final ClusterClient cluster;
    private final BrokerNames names;

    /** @param cluster tells partition owners to forget the ids of idempotent jobs that are put back */
    public BuriedQueues(Supplier<Connection> connection, QueueDeclarer declarer, ClusterClient cluster,
                        BrokerNames names) {
        this.connection = connection;
        this.declarer = declarer;
        this.cluster = cluster;
        this.names = names;
    }

    public List<BuriedJob> list(String partition, String queue, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative, were " + offset + ", " + limit);
        }
        List<BuriedJob> all = new ArrayList<>();
        scan(partition, queue, (ch, got) -> {
            all.add(describe(got));
            return false;
        });
        Collections.reverse(all);
        return all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
    }

    public int retry(String partition, String queue, Predicate<String> jobIds) {
        String main = names.mainQueue(partition, queue);
        try {
            declarer.ensureMain(main);
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            throw failure(names.buriedQueue(partition, queue), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RogerException("Interrupted", e);
        }
        return scan(partition, queue, (ch, got) -> {
            if (!jobIds.test(idOf(got))) {
                return false;
            }
            byte[] body = got.getBody();
            AMQP.BasicProperties props;
            try {
                Job job = JobCodec.decode(body).toBuilder().retryCount(0).startedAt(null).build();
                body = JobCodec.encode(job);
                props = JobMessages.properties(partition, job, null);
                if (job.idempotent()) {
                    // Its id is spent: without this, the copy put back would be dropped as a duplicate.
                    cluster.forgetRun(partition, job.id());
                }
            } catch (JobDecodeException e) {
                // Bad input goes back as it came; the consumer will bury it again with the reason.
                props = got.getProps().builder().headers(null).expiration(null).build();
            }
            ch.basicPublish("", main, props, body);
            ch.waitForConfirmsOrDie(10_000);
            ch.basicAck(got.getEnvelope().getDeliveryTag(), false);
            LOG.log(Level.INFO, "Buried job {0} put back on {1}", idOf(got), main);
            return true;
        });
    }

    public int delete(String partition, String queue, Predicate<String> jobIds) {
        return scan(partition, queue, (ch, got) -> {
            if (!jobIds.test(idOf(got))) {
                return false;
            }
            ch.basicAck(got.getEnvelope().getDeliveryTag(), false);
            LOG.log(Level.INFO, "Buried job {0} deleted from {1}", idOf(got), names.buriedQueue(partition, queue));
            return true;
        });
    }

    @FunctionalInterface
    private interface Visitor {
        /** Returns true when it settled the message. */
        boolean visit(Channel ch, GetResponse got) throws IOException, InterruptedException,
                java.util.concurrent.TimeoutException;
    }

    /** Visits every message of the buried queue once; returns how many the visitor settled. */
    private int scan(String partition, String queue, Visitor visitor) {
        String buried = names.buriedQueue(partition, queue);
        Channel ch = null;
        try {
            ch = connection.get().createChannel();
            ch.confirmSelect();
            int count;
            try {
                count = ch.queueDeclarePassive(buried).getMessageCount();
            } catch (IOException e) {
                if (Errors.isChannelClose(e, Errors.NOT_FOUND)) {
                    return 0;
                }
                throw e;
            }
            int settled = 0;
            for (int i = 0; i < count; i++) {
                GetResponse got = ch.basicGet(buried, false);
                if (got == null) {
                    break;
                }
                if (visitor.visit(ch, got)) {
                    settled++;
                }
            }
            return settled;
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            throw failure(buried, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RogerException("Interrupted while reading " + buried, e);
        } finally {
            if (ch != null && ch.isOpen()) {
                try {
                    ch.close();
                } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "Closing the buried-queue channel failed", e);
                }
            }
        }
    }

    private static BuriedJob describe(GetResponse got) {
        Map<String, Object> h = got.getProps().getHeaders();
        Optional<Job> job;
        try {
            job = Optional.of(JobCodec.decode(got.getBody()));
        } catch (JobDecodeException e) {
            job = Optional.empty();
        }
        Object attempts = h == null ? null : h.get(FailureHeaders.ATTEMPTS);
        return new BuriedJob(idOf(got), job, String.valueOf(FailureHeaders.text(h, FailureHeaders.REASON)),
                Optional.ofNullable(FailureHeaders.text(h, FailureHeaders.ERROR_CLASS)),
                Optional.ofNullable(FailureHeaders.text(h, FailureHeaders.ERROR_MESSAGE)),
                Optional.ofNullable(FailureHeaders.text(h, FailureHeaders.STACK)),
                attempts instanceof Number n ? n.intValue() : 0,
                instant(FailureHeaders.text(h, FailureHeaders.FIRST_FAILED_AT)),
                instant(FailureHeaders.text(h, FailureHeaders.FAILED_AT)),
                String.valueOf(FailureHeaders.text(h, FailureHeaders.NODE)));
    }

    private static String idOf(GetResponse got) {
        String id = got.getProps().getMessageId();
        if (id == null) {
            try {
                id = JobCodec.decode(got.getBody()).id();
            } catch (JobDecodeException e) {
                id = "?";
            }
        }
        return id;
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static RogerException failure(String queue, Exception e) {
        return new RogerException("Roger could not read buried queue " + queue + ": " + Errors.describe(e), e);
    }
}
