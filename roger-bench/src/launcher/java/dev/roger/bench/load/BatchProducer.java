package dev.roger.bench.load;

import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import dev.roger.bench.BenchFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enqueues a list of jobs as fast as the broker confirms them: {@code enqueueAll} batches from
 * several threads, so the producer is never what limits a throughput run (one thread alone would
 * wait out every confirm round trip).
 */
public final class BatchProducer {

    /** Threads enqueueing at once. */
    public static final int THREADS = 4;
    /** Jobs per {@code enqueueAll}, as the README recommends for bulk work. */
    public static final int BATCH = 500;

    private BatchProducer() {
    }

    /**
     * Enqueues all {@code jobs} to {@code partition} and returns when every batch is confirmed.
     *
     * @throws BenchFailure when a batch is not confirmed, or it all takes longer than {@code timeout}
     */
    public static void enqueueAll(RogerClient roger, String partition, List<Job> jobs, long timeoutSeconds)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "bench-producer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                workers.add(pool.submit(() -> {
                    int from;
                    while ((from = next.getAndAdd(BATCH)) < jobs.size()) {
                        roger.enqueueAll(partition, jobs.subList(from, Math.min(jobs.size(), from + BATCH)));
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            for (Future<?> w : workers) {
                w.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new BenchFailure("Enqueueing to " + partition + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchFailure("Enqueueing " + jobs.size() + " jobs to " + partition + " took over "
                    + timeoutSeconds + " s", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
