package dev.roger.itps.app;

import dev.roger.api.Job;
import dev.roger.api.event.JobCancelled;
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

/**
 * What the application saw: each run of a job (bean, type), each lifecycle event and how a held
 * job ended, by job id; how many jobs held a gate at once, by gate.
 */
@ApplicationScoped
public class Seen {

    private final Map<String, List<String>> runs = new ConcurrentHashMap<>();
    private final Map<String, List<String>> events = new ConcurrentHashMap<>();
    private final Map<String, List<String>> ends = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> holding = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> peaks = new ConcurrentHashMap<>();

    /** Records a run as {@code bean type partition queue retryCount}: the test reads it back over HTTP. */
    public void ran(Object bean, Job job) {
        add(runs, job.id(), bean.getClass().getSimpleName() + " " + job.type() + " " + job.partition().orElse("?")
                + " " + job.queue().orElse("?") + " " + job.retryCount());
    }

    /** The event's class name; a cancel also tells whether the job was {@code (running)} or {@code (queued)}. */
    void onEvent(@Observes JobEvent event) {
        String name = event.getClass().getSimpleName();
        if (event instanceof JobCancelled c) {
            name += c.running() ? "(running)" : "(queued)";
        }
        add(events, event.job().id(), name);
    }

    public List<String> runs(String jobId) {
        return runs.getOrDefault(jobId, List.of());
    }

    public List<String> events(String jobId) {
        return events.getOrDefault(jobId, List.of());
    }

    /** How each run of a held job ended: {@code opened}, {@code timed out} or {@code interrupted}. */
    public List<String> ends(String jobId) {
        return ends.getOrDefault(jobId, List.of());
    }

    /**
     * Blocks the job until the gate named by its args opens, for at most 60 s (a lost test must not
     * hold a worker forever), or until its thread is interrupted; records how it ended.
     */
    public void hold(Job job) throws InterruptedException {
        String gate = job.args(String.class);
        int now = holding.computeIfAbsent(gate, k -> new AtomicInteger()).incrementAndGet();
        peaks.computeIfAbsent(gate, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            add(ends, job.id(), gate(gate).await(60, TimeUnit.SECONDS) ? "opened" : "timed out");
        } catch (InterruptedException e) {
            add(ends, job.id(), "interrupted");
            throw e;
        } finally {
            holding.get(gate).decrementAndGet();
        }
    }

    /** The most jobs that held the gate at once. */
    public int peak(String gate) {
        AtomicInteger p = peaks.get(gate);
        return p == null ? 0 : p.get();
    }

    public void open(String name) {
        gate(name).countDown();
    }

    private CountDownLatch gate(String name) {
        return gates.computeIfAbsent(name, k -> new CountDownLatch(1));
    }

    private static void add(Map<String, List<String>> map, String jobId, String item) {
        map.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>()).add(item);
    }
}
