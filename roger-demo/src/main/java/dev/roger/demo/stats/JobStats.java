package dev.roger.demo.stats;

import dev.roger.api.event.AfterRun;
import dev.roger.api.event.JobError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts finished jobs per partition from Roger's lifecycle events, so the launcher can watch
 * progress from outside without touching the job beans or the broker.
 */
@ApplicationScoped
public class JobStats {

    /** Runs and errors of one partition so far. */
    public record Counts(long runs, long errors) {
    }

    private static final class Counters {
        final LongAdder runs = new LongAdder();
        final LongAdder errors = new LongAdder();
    }

    private final Map<String, Counters> byPartition = new ConcurrentHashMap<>();

    void onRun(@Observes AfterRun event) {
        counters(event.partition()).runs.increment();
    }

    void onError(@Observes JobError event) {
        counters(event.partition()).errors.increment();
    }

    private Counters counters(String partition) {
        return byPartition.computeIfAbsent(partition, p -> new Counters());
    }

    /** Every partition that finished a job so far, sorted by name. */
    public Map<String, Counts> snapshot() {
        Map<String, Counts> out = new TreeMap<>();
        byPartition.forEach((p, c) -> out.put(p, new Counts(c.runs.sum(), c.errors.sum())));
        return out;
    }
}
