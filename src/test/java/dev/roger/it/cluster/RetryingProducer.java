package dev.roger.it.cluster;

import dev.roger.api.EnqueueException;
import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A producer as the README tells users to write one: each job has an id of its own, and every
 * failed enqueue is retried with the same id until one is confirmed. Each attempt's copy carries
 * the attempt number in its arguments, so the test can tell which copy ran; every attempt's
 * outcome is recorded.
 */
final class RetryingProducer {

    /** What one enqueue attempt of a job answered. */
    enum Outcome { CONFIRMED, NOT_ENQUEUED, MAYBE_ENQUEUED }

    private final RogerClient client;
    private final String partition;
    /** The job with this id and this attempt number. */
    private final BiFunction<String, Integer, Job> job;
    private final String idPrefix;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean newJobs = new AtomicBoolean(true);
    /** Per job id, the outcome of each attempt in order. */
    private final Map<String, List<Outcome>> attempts = new ConcurrentHashMap<>();
    private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();

    RetryingProducer(RogerClient client, String partition, String idPrefix, BiFunction<String, Integer, Job> job) {
        this.client = client;
        this.partition = partition;
        this.idPrefix = idPrefix;
        this.job = job;
    }

    /**
     * Runs {@code threads} producers, each enqueueing new jobs until {@link #stopNewJobs()} (or
     * {@code maxJobs} in all), and retrying each until it is confirmed or {@code retryFor} passed;
     * each thread waits {@code pace} between jobs, so the nodes keep up.
     */
    List<Thread> start(int threads, int maxJobs, Duration retryFor, Duration pace) {
        List<Thread> started = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                int n;
                while (newJobs.get() && (n = next.getAndIncrement()) < maxJobs) {
                    produce(idPrefix + "-" + n, retryFor);
                    pause(pace);
                }
            }, "producer-" + t);
            thread.start();
            started.add(thread);
        }
        return started;
    }

    private void produce(String id, Duration retryFor) {
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        attempts.put(id, outcomes);
        long deadline = System.nanoTime() + retryFor.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            try {
                client.enqueue(partition, job.apply(id, attempt));
                outcomes.add(Outcome.CONFIRMED);
                return;
            } catch (EnqueueException e) {
                outcomes.add(e.mayHaveBeenEnqueued() ? Outcome.MAYBE_ENQUEUED : Outcome.NOT_ENQUEUED);
                // Not spinning while the connection recovers.
                pause(Duration.ofMillis(20));
            } catch (RuntimeException e) {
                unexpected.add(e);
                return;
            }
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stopNewJobs() {
        newJobs.set(false);
    }

    Map<String, List<Outcome>> attempts() {
        return attempts;
    }

    List<Throwable> unexpected() {
        return unexpected;
    }

    /** The ids whose last attempt was confirmed. */
    Set<String> confirmed() {
        Set<String> ids = new java.util.HashSet<>();
        attempts.forEach((id, o) -> {
            if (!o.isEmpty() && o.get(o.size() - 1) == Outcome.CONFIRMED) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** How many attempts had this outcome. */
    long count(Outcome outcome) {
        return attempts.values().stream().flatMap(List::stream).filter(o -> o == outcome).count();
    }
}
