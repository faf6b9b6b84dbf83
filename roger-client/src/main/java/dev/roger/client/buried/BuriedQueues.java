package dev.roger.client.buried;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.roger.api.BuriedJob;
import dev.roger.api.Job;
import dev.roger.api.RogerException;
import dev.roger.api.admin.BuriedPage;
import dev.roger.api.admin.BuriedQuery;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.amqp.Errors;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.client.cluster.ClusterClient;
import dev.roger.client.wire.JobCodec;
import dev.roger.client.wire.JobDecodeException;
import dev.roger.client.wire.JobMessages;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The operations on buried jobs. Listing and searching read the buried log ({@link BuriedIndex});
 * retry and delete take the chosen jobs out of their buried queue: the queue is read by taking its
 * messages without acking them, one reader per queue at a time in the cluster ({@link QueueLock}),
 * and the ones not chosen go back in their order when the reader's channel closes. Each job
 * taken out is recorded as removed in the log.
 */
public final class BuriedQueues {

    private static final System.Logger LOG = System.getLogger(BuriedQueues.class.getName());

    private final Supplier<Connection> connection;
    private final QueueDeclarer declarer;
    private final ClusterClient cluster;
    private final BrokerNames names;
    private final BuriedLog log;
    private final BuriedMessages messages;
    private final BuriedIndex index;
    private final QueueLock locks;

    /** @param cluster tells partition owners to forget the ids of idempotent jobs that are put back */
    public BuriedQueues(Supplier<Connection> connection, QueueDeclarer declarer, ClusterClient cluster,
                        BrokerNames names) {
        this.connection = connection;
        this.declarer = declarer;
        this.cluster = cluster;
        this.names = names;
        this.log = new BuriedLog(names, declarer.buriedMaxAge());
        this.messages = new BuriedMessages(names);
        this.index = new BuriedIndex(connection, log, messages, Duration.ofSeconds(60));
        this.locks = new QueueLock(connection, Duration.ofSeconds(60));
    }

    /** One page of the buried jobs the query matches, newest first. */
    public BuriedPage page(BuriedQuery query) {
        long before = cursor(query);
        List<BuriedIndex.Entry> matching = matching(query);
        List<BuriedJob> page = new ArrayList<>();
        long last = -1;
        boolean more = false;
        for (int i = matching.size() - 1; i >= 0; i--) {
            BuriedIndex.Entry e = matching.get(i);
            if (e.offset() >= before) {
                continue;
            }
            if (page.size() == query.limit()) {
                more = true;
                break;
            }
            page.add(e.job());
            last = e.offset();
        }
        return new BuriedPage(page, matching.size(), more ? java.util.Optional.of(Long.toString(last))
                : java.util.Optional.empty());
    }

    /** Puts every buried job the query matches now back on its queue; returns how many. */
    public int retry(BuriedQuery query) {
        int done = 0;
        for (Map.Entry<String, Set<String>> q : byQueue(query).entrySet()) {
            done += retry(q.getKey(), burialIn(q.getValue()));
        }
        return done;
    }

    /** Deletes every buried job the query matches now; returns how many. */
    public int delete(BuriedQuery query) {
        int done = 0;
        for (Map.Entry<String, Set<String>> q : byQueue(query).entrySet()) {
            done += delete(q.getKey(), burialIn(q.getValue()));
        }
        return done;
    }

    /** Puts the buried jobs of a queue whose id {@code jobIds} accepts back on it; returns how many. */
    public int retry(String partition, String queue, Predicate<String> jobIds) {
        return retry(names.buriedQueue(partition, queue), (GetResponse got) -> jobIds.test(idOf(got)));
    }

    /** Deletes the buried jobs of a queue whose id {@code jobIds} accepts; returns how many. */
    public int delete(String partition, String queue, Predicate<String> jobIds) {
        return delete(names.buriedQueue(partition, queue), (GetResponse got) -> jobIds.test(idOf(got)));
    }

    private int retry(String buried, Predicate<GetResponse> chosen) {
        String main = buried.substring(0, buried.length() - ".buried".length());
        try {
            declarer.ensureMain(main);
        } catch (IOException | TimeoutException e) {
            throw failure(buried, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RogerException("Interrupted", e);
        }
        return scan(buried, (ch, got) -> {
            if (!chosen.test(got)) {
                return false;
            }
            byte[] body = got.getBody();
            AMQP.BasicProperties props;
            try {
                Job job = JobCodec.decode(body).toBuilder().retryCount(0).startedAt(null).build();
                body = JobCodec.encode(job);
                String partition = messages.partitionOf(buried);
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

    private int delete(String buried, Predicate<GetResponse> chosen) {
        return scan(buried, (ch, got) -> {
            if (!chosen.test(got)) {
                return false;
            }
            ch.basicAck(got.getEnvelope().getDeliveryTag(), false);
            LOG.log(Level.INFO, "Buried job {0} deleted from {1}", idOf(got), buried);
            return true;
        });
    }

    private List<BuriedIndex.Entry> matching(BuriedQuery query) {
        String buried = query.queue().map(q -> names.buriedQueue(query.partition().orElseThrow(), q)).orElse(null);
        return index.snapshot().stream()
                .filter(e -> buried == null || buried.equals(e.buriedQueue()))
                .filter(e -> query.matches(e.job()))
                .toList();
    }

    /** The burial ids of the matching jobs, per buried queue. */
    private Map<String, Set<String>> byQueue(BuriedQuery query) {
        return matching(query).stream().collect(Collectors.groupingBy(BuriedIndex.Entry::buriedQueue,
                LinkedHashMap::new, Collectors.mapping(BuriedIndex.Entry::burial, Collectors.toSet())));
    }

    private static Predicate<GetResponse> burialIn(Set<String> burials) {
        return got -> BuriedMessages.burial(got.getProps()).filter(burials::contains).isPresent();
    }

    private static long cursor(BuriedQuery query) {
        try {
            return query.before().map(Long::parseLong).orElse(Long.MAX_VALUE);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor of a buried listing: " + query.before().orElse(""));
        }
    }

    @FunctionalInterface
    private interface Visitor {
        /** Returns true when it settled the message. */
        boolean visit(Channel ch, GetResponse got) throws IOException, InterruptedException, TimeoutException;
    }

    /**
     * Visits every message of the buried queue once, holding the queue's lock; returns how many
     * the visitor settled, each of them recorded as removed in the log.
     */
    private int scan(String buried, Visitor visitor) {
        return locks.holding(buried + ".lock", () -> {
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
                        String burial = BuriedMessages.burial(got.getProps()).orElse(null);
                        if (burial != null) {
                            log.removed(ch, buried, burial, idOf(got));
                        }
                    }
                }
                ch.waitForConfirmsOrDie(10_000);
                return settled;
            } catch (IOException | TimeoutException | RuntimeException e) {
                throw failure(buried, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RogerException("Interrupted while reading " + buried, e);
            } finally {
                if (ch != null && ch.isOpen()) {
                    try {
                        ch.close();
                    } catch (IOException | TimeoutException | RuntimeException e) {
                        LOG.log(Level.DEBUG, "Closing the buried-queue channel failed", e);
                    }
                }
            }
        });
    }

    private static String idOf(GetResponse got) {
        return BuriedMessages.jobId(got.getProps(), got.getBody());
    }

    private static RogerException failure(String queue, Exception e) {
        if (e instanceof RogerException r) {
            return r;
        }
        return new RogerException("Roger could not read buried queue " + queue + ": " + Errors.describe(e), e);
    }
}
