package dev.roger.wildfly.app;

import dev.roger.api.Job;
import dev.roger.api.event.JobEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** What the test beans saw: runs per job, lifecycle events per job, jobs running at once per key, gates. */
@ApplicationScoped
public class Collector {

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final Map<String, List<String>> events = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    public void ran(Job job) {
        runs.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
    }

    public int runs(String jobId) {
        AtomicInteger n = runs.get(jobId);
        return n == null ? 0 : n.get();
    }

    void onEvent(@Observes JobEvent event) {
        String name = event.getClass().getSimpleName();
        if (event instanceof dev.roger.api.event.JobCancelled c) {
            name += c.running() ? "(running)" : "(queued)";
        }
        events.computeIfAbsent(event.job().id(), k -> new CopyOnWriteArrayList<>()).add(name);
    }

    public List<String> events(String jobId) {
        return events.getOrDefault(jobId, List.of());
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
}
