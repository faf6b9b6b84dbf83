package dev.roger.ra.cluster;

import dev.roger.api.RecurringJob;
import dev.roger.client.cluster.ClusterCalls;
import dev.roger.state.RecurringCodec;
import dev.roger.state.StateRequest;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks the owners of this node's partitions for their due recurring ticks, at the moment each is
 * due. A node cannot tell whether it is a partition's owner until a request reaches it, so every
 * node running the partition asks; the owner records each tick as fired before it answers, so
 * only the first asker's request fires it, and the owner enqueues it ({@link RecurringFirer}).
 * Partitions with no recurring job cost one request per node every {@link #IDLE}; the declarations of
 * {@code @RogerJob(cron)} beans are sent until their owner took them.
 */
final class RecurringTicker {

    private static final System.Logger LOG = System.getLogger(RecurringTicker.class.getName());
    /**
     * How often a partition with no recurring job (or none known here) is asked again: a safety
     * net only, since a change of its recurring jobs is broadcast to the nodes, which ask at once.
     * At a random point of the second half of it, so a thousand partitions' asks are spread out.
     */
    static final Duration IDLE = Duration.ofMinutes(5);

    private final ClusterCalls calls;
    /** Partitions this node has yet to bid for: asked after the bid (their owner may not exist before). */
    private final java.util.function.Predicate<String> bidDeferred;
    private final Map<String, Instant> nextAsk = new ConcurrentHashMap<>();
    private final Set<String> asking = ConcurrentHashMap.newKeySet();
    /** Declarations not yet taken by their owner: partition to jobs. */
    private final Map<String, Map<String, RecurringJob>> declared = new ConcurrentHashMap<>();
    private volatile Set<String> partitions = Set.of();
    /**
     * No partition is due before this: the tick runs every 100 ms, and a pass over ten thousand
     * partitions each time cost an idle node a few percent of a core for nothing. Only lowered
     * between passes, by anything that makes a partition due sooner.
     */
    private final java.util.concurrent.atomic.AtomicReference<Instant> earliest =
            new java.util.concurrent.atomic.AtomicReference<>(Instant.EPOCH);

    RecurringTicker(ClusterCalls calls, java.util.function.Predicate<String> bidDeferred) {
        this.calls = calls;
        this.bidDeferred = bidDeferred;
    }

    /** The partitions running here now. */
    void runHere(Collection<String> partitionIds) {
        partitions = Set.copyOf(partitionIds);
        nextAsk.keySet().retainAll(partitions);
        partitionIds.forEach(p -> {
            if (nextAsk.putIfAbsent(p, Instant.EPOCH) == null) {
                lower(Instant.EPOCH);
            }
        });
    }

    /** A bean's {@code @RogerJob(cron)} for a partition it runs in: sent to the owner until it took it. */
    void declare(String partition, RecurringJob job) {
        declared.computeIfAbsent(partition, p -> new ConcurrentHashMap<>()).put(job.name(), job);
        askAt(partition, Instant.EPOCH);
    }

    /** Asks again at once, e.g. after a recurring job was added or resumed through this node. */
    void askSoon(String partition) {
        if (nextAsk.computeIfPresent(partition, (p, t) -> Instant.EPOCH) != null) {
            lower(Instant.EPOCH);
        }
    }

    /** Called often (every 100 ms): asks the owners whose partition has something due. */
    void tick() {
        Instant now = Instant.now();
        if (now.isBefore(earliest.get())) {
            return;
        }
        // Lowered meanwhile by the replies of the asks below, which set their partitions' next ask.
        earliest.set(Instant.MAX);
        Instant next = Instant.MAX;
        for (String partition : partitions) {
            Instant at = nextAsk.getOrDefault(partition, Instant.EPOCH);
            if (at.isAfter(now)) {
                next = at.isBefore(next) ? at : next;
                continue;
            }
            if (bidDeferred.test(partition)) {
                // Due still: the pass after the bid asks.
                next = now;
                continue;
            }
            if (!asking.add(partition)) {
                continue;
            }
            sendDeclarations(partition);
            calls.askAsync(partition, StateRequest.recurringDue()).whenComplete((reply, error) -> {
                asking.remove(partition);
                if (error != null || reply.data() == null) {
                    askAt(partition, Instant.now().plusSeconds(1));
                    return;
                }
                RecurringCodec.Due due = RecurringCodec.decodeDue(reply.data());
                askAt(partition, due.nextDue().orElse(Instant.now().plus(Spread.over(IDLE))));
            });
        }
        lower(next);
    }

    private void askAt(String partition, Instant at) {
        nextAsk.put(partition, at);
        lower(at);
    }

    private void lower(Instant at) {
        earliest.accumulateAndGet(at, (a, b) -> a.isBefore(b) ? a : b);
    }

    private void sendDeclarations(String partition) {
        Map<String, RecurringJob> jobs = declared.get(partition);
        if (jobs == null) {
            return;
        }
        for (RecurringJob job : jobs.values()) {
            calls.askAsync(partition, StateRequest.putRecurring(job)).whenComplete((reply, error) -> {
                if (error == null) {
                    jobs.remove(job.name(), job);
                } else {
                    LOG.log(Level.DEBUG, "Recurring job {0} of partition {1} not yet declared to its owner: {2}",
                            job.name(), partition, error.getMessage());
                }
            });
        }
    }
}
