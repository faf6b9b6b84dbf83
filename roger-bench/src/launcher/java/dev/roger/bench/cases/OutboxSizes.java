package dev.roger.bench.cases;

import dev.roger.bench.BenchMode;

/**
 * How much case 10 writes in each mode. Its own sizes rather than {@link BenchMode#jobs()}: one
 * application thread writes every job, and a plain enqueue waits for its confirm, so the case's N
 * is smaller than the throughput cases' to keep a full run within minutes.
 *
 * @param jobs             jobs per measured run of each way of enqueueing
 * @param batch            jobs per transaction (and per batch of plain enqueues)
 * @param warmUpJobs       jobs per way through a throwaway partition first (the node is new); 0 for none
 * @param latencyBatches   transactions of the light-load run that measures write-to-start latency
 * @param latencyPauseMillis the pause between those transactions
 */
record OutboxSizes(int jobs, int batch, int warmUpJobs, int latencyBatches, long latencyPauseMillis) {

    static OutboxSizes of(BenchMode mode) {
        // 50 ms between transactions of 10: 200 jobs/s, a load the node follows without a backlog,
        // so the latency is the way of enqueueing's own (the outbox's poll), not a queue's wait.
        if (mode == BenchMode.SMOKE) {
            // CI: proves the case runs end to end within seconds; its figures mean nothing.
            return new OutboxSizes(200, 10, 0, 10, 50);
        }
        if (mode == BenchMode.QUICK) {
            return new OutboxSizes(5_000, 10, 2_000, 50, 50);
        }
        return new OutboxSizes(20_000, 10, 5_000, 100, 50);
    }

    /** Jobs per second over a span in microseconds; 0 for an empty span rather than infinity. */
    static double rate(long jobs, long fromMicros, long toMicros) {
        long span = toMicros - fromMicros;
        return span <= 0 ? 0 : jobs / (span / 1e6);
    }

    /** The ways of enqueueing in the order repetition {@code rep} runs them: each leads once in three, against drift. */
    static <T> java.util.List<T> rotated(java.util.List<T> ways, int rep) {
        java.util.List<T> out = new java.util.ArrayList<>(ways);
        java.util.Collections.rotate(out, -(rep % ways.size()));
        return out;
    }
}
