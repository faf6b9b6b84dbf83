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
 * Records what the benchmark reads back over HTTP: per partition, each job's latency (enqueue to
 * start, or for a scheduled job due time to start: its lateness) and completions; node-wide, how many jobs run at once and the peak of that. A job counts as done at
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
        record(job.partition().orElse("?")).started(now - since(job, now));
    }

    /**
     * Where a job's latency counts from: its due time when it was scheduled (case 9 measures how
     * late it starts, and a negative figure, an early start, must stay visible); the moment the
     * application wrote it when it carries that stamp (case 10's outbox jobs, see WrittenAt); else
     * when it was enqueued. All are the producer's clock; the launcher and this node share the
     * machine's.
     */
    static long since(Job job, long now) {
        if (job.runAt().isPresent()) {
            return micros(job.runAt().get());
        }
        return WrittenAt.micros(job.argsJson()).orElseGet(() -> job.queuedAt().map(JobProbe::micros).orElse(now));
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
