package dev.roger.ra.inbound;

import dev.roger.api.admin.JobCounters;
import dev.roger.api.event.AfterRun;
import dev.roger.api.event.BeforeRun;
import dev.roger.api.event.JobError;
import dev.roger.api.event.JobEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this node's jobs did since it started, for Info: counted from their events and burials, for
 * the node and for each (partition, queue), from which the console computes rates per queue.
 */
public final class JobCounts {

    /** The counters of one scope. */
    private static final class Counts {
        final LongAdder started = new LongAdder();
        final LongAdder succeeded = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder buried = new LongAdder();

        void saw(JobEvent event) {
            if (event instanceof BeforeRun) {
                started.increment();
            } else if (event instanceof AfterRun) {
                succeeded.increment();
            } else if (event instanceof JobError) {
                failed.increment();
            }
        }

        JobCounters snapshot() {
            return new JobCounters(started.sum(), succeeded.sum(), failed.sum(), buried.sum());
        }
    }

    /** Written out: a record's generated equals showed in the per-job profile; this is looked up twice per job. */
    private record QueueKey(String partition, String queue) {

        @Override
        public boolean equals(Object o) {
            return o instanceof QueueKey k && partition.equals(k.partition) && queue.equals(k.queue);
        }

        @Override
        public int hashCode() {
            return 31 * partition.hashCode() + queue.hashCode();
        }
    }

    private static final JobCounters NONE = new JobCounters(0, 0, 0, 0);

    private final Counts node = new Counts();
    /** Bounded by the queues this node ran since it started. */
    private final Map<QueueKey, Counts> queues = new ConcurrentHashMap<>();

    /** Counts a lifecycle event (fired or not: an application without observers still counts). */
    void saw(JobEvent event) {
        node.saw(event);
        queue(event.partition(), event.job().queue().orElse(null)).saw(event);
    }

    void buried(String partition, String queue) {
        node.buried.increment();
        queue(partition, queue).buried.increment();
    }

    private Counts queue(String partition, String queue) {
        QueueKey key = new QueueKey(String.valueOf(partition), String.valueOf(queue));
        Counts c = queues.get(key);
        return c != null ? c : queues.computeIfAbsent(key, k -> new Counts());
    }

    /** The node's counters. */
    public JobCounters snapshot() {
        return node.snapshot();
    }

    /** The counters of one queue of a partition on this node; zeros for one that ran nothing. */
    public JobCounters of(String partition, String queue) {
        Counts c = queues.get(new QueueKey(partition, queue));
        return c == null ? NONE : c.snapshot();
    }
}
