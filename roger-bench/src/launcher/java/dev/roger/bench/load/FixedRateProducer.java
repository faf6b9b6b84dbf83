package dev.roger.bench.load;

import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import dev.roger.bench.BenchFailure;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Enqueues one job at a time at a fixed rate, as independent producers would: each job is its own
 * {@code enqueue} (its own confirm), sent on schedule by a pool of sender threads so that a slow
 * confirm delays no other job. The schedule is absolute (job i at start + i / rate), so a hiccup
 * is caught up rather than stretching the run.
 */
public final class FixedRateProducer {

    private static final int SENDERS = 32;

    private FixedRateProducer() {
    }

    /** What a run achieved. */
    public record Result(int enqueued, int failed, String firstError, double achievedRate) {
    }

    /**
     * Sends {@code rate * seconds} jobs made by {@code jobs} to {@code partition}, and returns once
     * all were confirmed (or failed).
     */
    public static Result run(RogerClient roger, String partition, Supplier<Job> jobs, int rate, int seconds)
            throws InterruptedException {
        return run(roger, partition, jobs, rate * seconds, Duration.ofSeconds(seconds));
    }

    /**
     * Sends {@code total} jobs made by {@code jobs} to {@code partition} evenly over {@code window}
     * (for a rate that is no whole number of jobs per second), and returns once all were confirmed
     * (or failed). {@code jobs} is called on the schedule, just before each job is handed to a sender.
     */
    public static Result run(RogerClient roger, String partition, Supplier<Job> jobs, int total, Duration window)
            throws InterruptedException {
        long periodNanos = window.toNanos() / total;
        AtomicInteger enqueued = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS, r -> {
            Thread t = new Thread(r, "bench-fixed-rate");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        try {
            for (int i = 0; i < total; i++) {
                long wait = start + i * periodNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Job job = jobs.get();
                senders.execute(() -> {
                    try {
                        roger.enqueue(partition, job);
                        enqueued.incrementAndGet();
                    } catch (RuntimeException e) {
                        // Counted and reported: one failed enqueue must not stop the schedule.
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, e.getMessage());
                    }
                });
            }
            senders.shutdown();
            if (!senders.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new BenchFailure("Enqueues to " + partition + " still unconfirmed 60 s after the schedule ended");
            }
        } finally {
            senders.shutdownNow();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(enqueued.get(), failed.get(), firstError.get(), total / elapsed);
    }
}
