package dev.roger.itps.app;

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

/** What the application saw: each run of a job (bean, type) and each lifecycle event, by job id. */
@ApplicationScoped
public class Seen {

    private final Map<String, List<String>> runs = new ConcurrentHashMap<>();
    private final Map<String, List<String>> events = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    /** Records a run as {@code bean type partition queue retryCount}: the test reads it back over HTTP. */
    public void ran(Object bean, Job job) {
        runs.computeIfAbsent(job.id(), k -> new CopyOnWriteArrayList<>()).add(bean.getClass().getSimpleName()
                + " " + job.type() + " " + job.partition().orElse("?") + " " + job.queue().orElse("?")
                + " " + job.retryCount());
    }

    void onEvent(@Observes JobEvent event) {
        events.computeIfAbsent(event.job().id(), k -> new CopyOnWriteArrayList<>())
                .add(event.getClass().getSimpleName());
    }

    public List<String> runs(String jobId) {
        return runs.getOrDefault(jobId, List.of());
    }

    public List<String> events(String jobId) {
        return events.getOrDefault(jobId, List.of());
    }

    /** Blocks a job until the test opens its gate, for at most 60 s (a lost test must not hold a worker forever). */
    public void awaitGate(String name) throws InterruptedException {
        gate(name).await(60, TimeUnit.SECONDS);
    }

    public void open(String name) {
        gate(name).countDown();
    }

    private CountDownLatch gate(String name) {
        return gates.computeIfAbsent(name, k -> new CountDownLatch(1));
    }
}
