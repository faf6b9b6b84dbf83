package dev.roger.ra.engine;

import dev.roger.api.admin.WaitingPartition;
import dev.roger.client.amqp.Errors;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The queues this node should consume but cannot: the broker refused to declare or consume them.
 * Each is tried again after a back-off (1 s, doubling to a minute), and logged once when it starts
 * waiting, when its reason changes and when it is consumed again, not at every try.
 */
final class WaitingQueues {

    private static final System.Logger LOG = System.getLogger(WaitingQueues.class.getName());
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, Entry> waiting = new HashMap<>();

    private record Entry(String partition, String queue, String reason, int attempts, Instant since, Instant nextTry) {
    }

    WaitingQueues(Clock clock) {
        this.clock = clock;
    }

    /** Whether the queue's back-off has passed (a queue that is not waiting may always be tried). */
    synchronized boolean due(String mainQueue) {
        Entry e = waiting.get(mainQueue);
        return e == null || !clock.instant().isBefore(e.nextTry());
    }

    /** A try failed: the queue waits (again), with the broker's reason. */
    synchronized void failed(String mainQueue, String partition, String queue, Throwable error) {
        String reason = Errors.describe(error);
        Instant now = clock.instant();
        Entry before = waiting.get(mainQueue);
        int attempts = before == null ? 1 : before.attempts() + 1;
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 6));
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
        }
        waiting.put(mainQueue, new Entry(partition, queue, reason, attempts, before == null ? now : before.since(),
                now.plus(backoff)));
        if (before == null || !before.reason().equals(reason)) {
            LOG.log(Level.WARNING, "Roger cannot consume {0} ({1}); partition {2} waits for it and tries again, "
                    + "backing off up to {3} s", mainQueue, reason, partition, MAX_BACKOFF.toSeconds());
        }
    }

    /** The queue is consumed now. */
    synchronized void consumed(String mainQueue) {
        Entry e = waiting.remove(mainQueue);
        if (e != null) {
            LOG.log(Level.INFO, "Roger consumes {0} again, after {1} tries since {2}", mainQueue, e.attempts(),
                    e.since());
        }
    }

    /** The node no longer wants the queue (the partition stopped or was reconfigured). */
    synchronized void retainOnly(java.util.Set<String> wanted) {
        waiting.keySet().retainAll(wanted);
    }

    synchronized List<WaitingPartition> list() {
        List<WaitingPartition> result = new ArrayList<>();
        waiting.values().forEach(e -> result.add(new WaitingPartition(e.partition(), e.queue(), e.reason(),
                e.attempts(), e.since(), e.nextTry())));
        result.sort(java.util.Comparator.comparing(WaitingPartition::partition).thenComparing(WaitingPartition::queue));
        return result;
    }
}
