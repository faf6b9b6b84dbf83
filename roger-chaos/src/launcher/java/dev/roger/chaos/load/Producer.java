package dev.roger.chaos.load;

import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a phase's jobs at a steady rate through the Java SE client, and records in the
 * {@link Ledger} which ones the broker confirmed. An enqueue that throws (broker down, connection
 * recovering, no confirm in time) is retried with the same job id until it is confirmed or
 * {@code giveUpAfter} has passed since the job's first attempt. At each segment start (see
 * {@link Segments}) it waits until the fault before it was recovered from.
 */
public final class Producer implements AutoCloseable {

    private static final int SENDERS = 32;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final RogerClient client;
    private final JobPlan plan;
    private final Segments segments;
    private final double ratePerSecond;
    private final Duration giveUpAfter;
    private final Ledger ledger = new Ledger();
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    private final AtomicInteger submitted = new AtomicInteger();
    private final AtomicInteger segmentsOpen = new AtomicInteger(1);
    private final CountDownLatch settled;
    private final Thread scheduler;

    public Producer(RogerClient client, JobPlan plan, Segments segments, double ratePerSecond, Duration giveUpAfter) {
        this.client = client;
        this.plan = plan;
        this.segments = segments;
        this.ratePerSecond = ratePerSecond;
        this.giveUpAfter = giveUpAfter;
        this.settled = new CountDownLatch(plan.size());
        this.scheduler = new Thread(this::schedule, "chaos-producer");
        scheduler.setDaemon(true);
    }

    public void start() {
        scheduler.start();
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Jobs handed to the senders so far. */
    public int submitted() {
        return submitted.get();
    }

    /** Lets the producer go on with segment {@code k} (the fault before it was recovered from). */
    public void openSegment(int k) {
        synchronized (segmentsOpen) {
            segmentsOpen.accumulateAndGet(k + 1, Math::max);
            segmentsOpen.notifyAll();
        }
    }

    /** Waits until every job was confirmed or given up. */
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        return settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void schedule() {
        long base = System.nanoTime();
        int baseIndex = 0;
        try {
            for (int i = 0; i < plan.size(); i++) {
                int segment = segments.segmentStartingAt(i);
                if (segment > 0 && awaitSegment(segment)) {
                    base = System.nanoTime();
                    baseIndex = i;
                }
                long due = base + (long) ((i - baseIndex) * 1_000_000_000L / ratePerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int index = i;
                senders.execute(() -> send(index));
                submitted.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether it had to wait */
    private boolean awaitSegment(int k) throws InterruptedException {
        boolean waited = false;
        synchronized (segmentsOpen) {
            while (segmentsOpen.get() <= k) {
                waited = true;
                segmentsOpen.wait();
            }
        }
        return waited;
    }

    private void send(int i) {
        Job job = plan.job(i);
        long first = System.nanoTime();
        Duration backoff = FIRST_BACKOFF;
        try {
            while (true) {
                try {
                    client.enqueue(plan.partition(i), job);
                    ledger.confirmed(job.id());
                    return;
                } catch (IllegalArgumentException e) {
                    // A job refused before publishing is the suite's bug, not a fault: no point retrying.
                    ledger.threw(job.id(), e);
                    ledger.gaveUp(job.id());
                    return;
                } catch (RuntimeException e) {
                    ledger.threw(job.id(), e);
                }
                if (System.nanoTime() - first > giveUpAfter.toNanos()) {
                    ledger.gaveUp(job.id());
                    return;
                }
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            settled.countDown();
        }
    }

    @Override
    public void close() {
        scheduler.interrupt();
        senders.shutdownNow();
    }
}
