package dev.roger.it.coordination;

import dev.roger.api.Job;
import dev.roger.api.event.JobEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the coordination tests' jobs did on this node: a start/stop timeline (System.nanoTime),
 * runs per job, interrupts seen, and every lifecycle event; plus gates that hold jobs running.
 */
@ApplicationScoped
public class Coord {

    /** One start or stop of a job. */
    public record Mark(String what, String jobId, long nanos) {
        @Override
        public String toString() {
            return what + ":" + jobId;
        }
    }

    private final List<Mark> marks = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final Set<String> interrupted = ConcurrentHashMap.newKeySet();
    private final List<JobEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    void started(Job job) {
        runs.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
        marks.add(new Mark("start", job.id(), System.nanoTime()));
    }

    void stopped(Job job) {
        marks.add(new Mark("stop", job.id(), System.nanoTime()));
    }

    void interrupted(Job job) {
        interrupted.add(job.id());
    }

    void onEvent(@Observes JobEvent event) {
        events.add(event);
    }

    /** How many times the job started on this node. */
    public int runs(String jobId) {
        AtomicInteger n = runs.get(jobId);
        return n == null ? 0 : n.get();
    }

    public boolean started(String jobId) {
        return runs(jobId) > 0;
    }

    public boolean stopped(String jobId) {
        return marks.stream().anyMatch(m -> m.what().equals("stop") && m.jobId().equals(jobId));
    }

    public boolean wasInterrupted(String jobId) {
        return interrupted.contains(jobId);
    }

    /** The starts and stops of these jobs, in time order. */
    public List<Mark> timeline(Collection<String> jobIds) {
        return marks.stream().filter(m -> jobIds.contains(m.jobId()))
                .sorted(Comparator.comparingLong(Mark::nanos)).toList();
    }

    /** The job's lifecycle events, in the order they fired. */
    public List<JobEvent> events(String jobId) {
        return events.stream().filter(e -> e.job().id().equals(jobId)).toList();
    }

    public <T extends JobEvent> List<T> events(String jobId, Class<T> type) {
        return events(jobId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    public CountDownLatch gate(String name) {
        return gates.computeIfAbsent(name, k -> new CountDownLatch(1));
    }

    public void open(String gate) {
        gate(gate).countDown();
    }

    void await(String gate) throws InterruptedException {
        gate(gate).await(60, TimeUnit.SECONDS);
    }
}
