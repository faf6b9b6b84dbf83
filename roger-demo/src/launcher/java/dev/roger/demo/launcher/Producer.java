package dev.roger.demo.launcher;

import dev.roger.api.RogerClient;
import dev.roger.api.RogerException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Enqueues a plan's jobs in the background from several threads: each enqueue waits for the
 * broker's publisher confirm, so one thread alone would measure the round trip, not Roger.
 */
final class Producer implements AutoCloseable {

    private final RogerClient roger;
    private final int threads;
    private final AtomicInteger enqueued = new AtomicInteger();
    private final AtomicInteger enqueuedFailing = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private ExecutorService pool;

    Producer(RogerClient roger, int threads) {
        this.roger = roger;
        this.threads = threads;
    }

    /** Starts enqueueing; returns at once. */
    void start(JobPlan plan) {
        AtomicInteger next = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "demo-producer");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                int index;
                while ((index = next.getAndIncrement()) < plan.size()) {
                    enqueue(plan.jobs().get(index));
                }
            });
        }
        pool.shutdown();
    }

    private void enqueue(JobPlan.Planned planned) {
        try {
            roger.enqueue(planned.partition(), planned.job());
            enqueued.incrementAndGet();
            if (planned.fails()) {
                enqueuedFailing.incrementAndGet();
            }
        } catch (RogerException | IllegalArgumentException e) {
            // Counted and reported at the end; one failed enqueue must not stop the others.
            failed.incrementAndGet();
            firstError.compareAndSet(null, e.getMessage());
        }
    }

    boolean finished() {
        return pool != null && pool.isTerminated();
    }

    /** Jobs the broker confirmed. */
    int enqueued() {
        return enqueued.get();
    }

    /** Confirmed jobs that are set to fail: the errors the run must show. */
    int enqueuedFailing() {
        return enqueuedFailing.get();
    }

    /** Jobs that could not be enqueued. */
    int failed() {
        return failed.get();
    }

    /** The message of the first failed enqueue, or null. */
    String firstError() {
        return firstError.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
