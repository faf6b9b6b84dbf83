package dev.roger.bench.app;

import dev.roger.api.Job;
import dev.roger.api.event.AfterRun;
import dev.roger.api.event.JobError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what the benchmark reads back over HTTP: per partition, enqueue-to-start latencies and
 * completions; node-wide, how many jobs run at once and the peak of that. A job counts as done at
 * Roger's {@code AfterRun} event, which comes after the acknowledgement, so "done" means what a
 * user would call finished, not just "the bean returned".
 */
@ApplicationScoped
public class JobProbe {

    private final Map<String, PartitionRecord> partitions = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    /** A bean calls this first thing in {@code onJob}. */
    public void started(Job job) {
        long now = micros(Instant.now());
        int nowRunning = running.incrementAndGet();
        peak.accumulateAndGet(nowRunning, Math::max);
        // queuedAt is the producer's clock; the launcher and this node share the machine's. A job
        // stamped when the application wrote it (case 10) counts from then instead: see WrittenAt.
        long queued = WrittenAt.micros(job.argsJson())
                .orElseGet(() -> job.queuedAt().map(JobProbe::micros).orElse(now));
        record(job.partition().orElse("?")).started(now - queued);
    }

    /** A bean calls this last thing in {@code onJob}, also when it throws. */
    public void ended() {
        running.decrementAndGet();
    }

    void onAfterRun(@Observes AfterRun event) {
        record(event.partition()).done(micros(Instant.now()));
    }

    void onError(@Observes JobError event) {
        record(event.partition()).failed();
    }

    /** Forgets every partition's record and the peak; jobs running now still end normally. */
    public void reset() {
        partitions.clear();
        peak.set(running.get());
    }

    int running() {
        return running.get();
    }

    int peak() {
        return peak.get();
    }

    PartitionRecord record(String partition) {
        return partitions.computeIfAbsent(partition, p -> new PartitionRecord());
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
