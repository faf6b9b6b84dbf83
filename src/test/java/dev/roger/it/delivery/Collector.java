package dev.roger.it.delivery;

import dev.roger.api.Job;
import dev.roger.api.event.JobEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the test beans saw: runs, lifecycle events, and how many jobs ran at once per queue. */
@ApplicationScoped
public class Collector {

    /** One run of a job in a bean. */
    public record Run(String bean, Job job, Object args, String thread) {
    }

    private final Map<String, List<Run>> runs = new ConcurrentHashMap<>();
    private final List<JobEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    public void ran(String bean, Job job, Object args) {
        runs.computeIfAbsent(job.id(), k -> new CopyOnWriteArrayList<>())
                .add(new Run(bean, job, args, Thread.currentThread().getName()));
    }

    public List<Run> runs(String jobId) {
        return runs.getOrDefault(jobId, List.of());
    }

    void onEvent(@Observes JobEvent event) {
        events.add(event);
    }

    public List<JobEvent> events(String jobId) {
        return events.stream().filter(e -> e.job().id().equals(jobId)).toList();
    }

    public void started(String key) {
        int now = running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        peak.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
    }

    public void finished(String key) {
        running.get(key).decrementAndGet();
    }

    public int peak(String key) {
        AtomicInteger p = peak.get(key);
        return p == null ? 0 : p.get();
    }

    public CountDownLatch gate(String name) {
        return gates.computeIfAbsent(name, k -> new CountDownLatch(1));
    }

    public void await(String gate) throws InterruptedException {
        gate(gate).await(30, TimeUnit.SECONDS);
    }
}
