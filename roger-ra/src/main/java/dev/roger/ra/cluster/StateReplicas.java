package dev.roger.ra.cluster;

import dev.roger.client.cluster.ClusterCalls;
import dev.roger.state.StateReply;
import dev.roger.state.StateRequest;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's copy of what it must know of each running partition's global state without a
 * round trip: the paused queues and the cancelled job ids. Loaded from the owner before the
 * partition's consumers start, kept current by the control broadcasts, and refreshed from the
 * owner every few seconds in case a broadcast was missed.
 */
final class StateReplicas {

    private static final System.Logger LOG = System.getLogger(StateReplicas.class.getName());
    /**
     * A safety net only: broadcasts keep replicas current, and a reconnect refreshes them at once.
     * Each replica is refreshed at a random point of the second half of this after its last load,
     * so a thousand partitions cost about three requests a second, spread out (every 30 s, all at
     * once, they were the main idle cost of a node with a thousand tenants).
     */
    static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Duration WARN_AFTER = Duration.ofSeconds(15);
    private static final int MAX_CANCELLED = 100_000;

    private final Map<String, Replica> replicas = new ConcurrentHashMap<>();

    private static final class Replica {
        final Instant since = Instant.now();
        final Set<String> paused = ConcurrentHashMap.newKeySet();
        final Set<String> cancelled = new LinkedHashSet<>();
        volatile boolean loaded;
        volatile boolean asking;
        volatile Instant refreshDue = Instant.EPOCH;
        volatile long version = -1;
        boolean warned;

        synchronized void addCancelled(String id) {
            cancelled.add(id);
            if (cancelled.size() > MAX_CANCELLED) {
                var it = cancelled.iterator();
                it.next();
                it.remove();
            }
        }

        synchronized boolean isCancelled(String id) {
            return cancelled.contains(id);
        }
    }

    /** Whether the partition's state is known, so its consumers may start. */
    boolean ready(String partition) {
        Replica r = replicas.get(partition);
        return r != null && r.loaded;
    }

    boolean paused(String partition, String queue) {
        Replica r = replicas.get(partition);
        return r != null && r.paused.contains(queue);
    }

    boolean cancelled(String partition, String jobId) {
        Replica r = replicas.get(partition);
        return r != null && r.isCancelled(jobId);
    }

    /** Keeps replicas for exactly these partitions; a partition that comes back is loaded afresh. */
    void retain(Collection<String> partitions) {
        replicas.keySet().retainAll(partitions);
        partitions.forEach(p -> replicas.computeIfAbsent(p, k -> new Replica()));
    }

    /** Makes every replica due a refresh, e.g. after broadcasts may have been missed. */
    void refreshAll() {
        replicas.values().forEach(r -> r.refreshDue = Instant.EPOCH);
    }

    /** From a broadcast: true when it changed something. */
    boolean pause(String partition, String queue) {
        Replica r = replicas.get(partition);
        return r != null && r.paused.add(queue);
    }

    boolean resume(String partition, String queue) {
        Replica r = replicas.get(partition);
        return r != null && r.paused.remove(queue);
    }

    void cancel(String partition, String jobId) {
        Replica r = replicas.get(partition);
        if (r != null) {
            r.addCancelled(jobId);
        }
    }

    /**
     * Asks the owners for the replicas that are not loaded yet or are due a refresh, without
     * waiting, except those of partitions this node has yet to bid for ({@code bidDeferred}, asked
     * after the bid); {@code changed} runs when a replica was loaded or its paused queues changed.
     */
    void refresh(ClusterCalls calls, String node, java.util.function.Predicate<String> bidDeferred, Runnable changed) {
        Instant now = Instant.now();
        replicas.forEach((partition, r) -> {
            if (r.asking || (r.loaded && r.refreshDue.isAfter(now)) || bidDeferred.test(partition)) {
                return;
            }
            r.asking = true;
            calls.askAsync(partition, StateRequest.hello(node, r.version)).whenComplete((reply, error) -> {
                r.asking = false;
                if (error != null) {
                    warnIfLong(partition, r, error);
                    return;
                }
                if (apply(r, reply)) {
                    changed.run();
                }
            });
        });
    }

    private static boolean apply(Replica r, StateReply reply) {
        boolean changed = !r.loaded || !r.paused.equals(reply.paused());
        r.paused.retainAll(reply.paused());
        r.paused.addAll(reply.paused());
        if (reply.cancelled() != null) {
            synchronized (r) {
                r.cancelled.clear();
                reply.cancelled().forEach(r::addCancelled);
            }
        }
        r.version = reply.cancelVersion();
        r.refreshDue = Instant.now().plus(Spread.over(REFRESH));
        r.loaded = true;
        return changed;
    }

    private static void warnIfLong(String partition, Replica r, Throwable error) {
        if (!r.loaded && !r.warned && r.since.plus(WARN_AFTER).isBefore(Instant.now())) {
            r.warned = true;
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            LOG.log(Level.WARNING, "Partition {0} does not start on this node yet: its global state has no owner "
                    + "that answers ({1}). A node owns it once an application with roger-ejb-api runs there "
                    + "and the partition runs on it.", partition, cause.getMessage());
        }
    }
}
