package dev.roger.bench.app;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one partition's jobs did since the last reset: how many started, finished and failed, when
 * the last one finished, and each job's enqueue-to-start latency. The latencies are kept whole
 * (a few hundred thousand longs at most) so the launcher computes exact percentiles.
 */
final class PartitionRecord {

    private final LongAdder started = new LongAdder();
    private final LongAdder done = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong lastDoneMicros = new AtomicLong();
    private long[] latencies = new long[1024];
    private int size;

    void started(long latencyMicros) {
        started.increment();
        synchronized (this) {
            if (size == latencies.length) {
                latencies = Arrays.copyOf(latencies, size * 2);
            }
            latencies[size++] = latencyMicros;
        }
    }

    void done(long atMicros) {
        done.increment();
        lastDoneMicros.accumulateAndGet(atMicros, Math::max);
    }

    void failed() {
        failed.increment();
    }

    long startedCount() {
        return started.sum();
    }

    long doneCount() {
        return done.sum();
    }

    long failedCount() {
        return failed.sum();
    }

    long lastDoneMicros() {
        return lastDoneMicros.get();
    }

    synchronized long[] latencies() {
        return Arrays.copyOf(latencies, size);
    }
}
