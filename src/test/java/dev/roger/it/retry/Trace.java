package dev.roger.it.retry;

import dev.roger.api.Job;
import dev.roger.api.NonRetryableException;
import dev.roger.api.event.JobEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the retry tests' jobs did on this node: each run (attempt, queue, time), interrupts seen,
 * and every lifecycle event with the time it arrived (System.nanoTime); plus the switch that makes
 * {@code switch} plans fail.
 */
@ApplicationScoped
public class Trace {

    /** One run of a job in a bean. */
    public record Run(String jobId, int retryCount, String queue, long nanos) {
    }

    /** One lifecycle event, when it arrived. */
    public record Seen(JobEvent event, long nanos) {
    }

    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final List<Seen> events = new CopyOnWriteArrayList<>();
    private final Set<String> interrupted = ConcurrentHashMap.newKeySet();
    private volatile boolean failing;

    /** Runs a job as its {@link Plan} says. */
    public void perform(Job job) throws Exception {
        Plan plan = job.args(Plan.class);
        runs.add(new Run(job.id(), job.retryCount(), job.queue().orElse(null), System.nanoTime()));
        if (plan.sleepMillis() > 0) {
            try {
                Thread.sleep(plan.sleepMillis());
            } catch (InterruptedException e) {
                interrupted.add(job.id());
                return; // a late "success" that Roger must ignore
            }
        }
        boolean fail = "switch".equals(plan.error()) ? failing : job.retryCount() < plan.failures();
        if (!fail) {
            return;
        }
        String message = "fails on purpose: " + job.id() + " attempt " + job.retryCount();
        switch (plan.error()) {
            case "nonretryable" -> throw new NonRetryableException(message);
            case "nonretryable-cause" -> throw new IllegalStateException(message, new NonRetryableException("cause"));
            case "assertion" -> throw new AssertionError("boom");
            default -> throw new IllegalStateException(message);
        }
    }

    void onEvent(@Observes JobEvent event) {
        events.add(new Seen(event, System.nanoTime()));
    }

    public List<Run> runs(String jobId) {
        return runs.stream().filter(r -> r.jobId().equals(jobId)).toList();
    }

    public List<Integer> retryCounts(String jobId) {
        return runs(jobId).stream().map(Run::retryCount).toList();
    }

    /** The job's events of this type, in the order they arrived, with their times. */
    public List<Seen> seen(String jobId, Class<? extends JobEvent> type) {
        return events.stream().filter(s -> s.event().job().id().equals(jobId) && type.isInstance(s.event())).toList();
    }

    public <T extends JobEvent> List<T> events(String jobId, Class<T> type) {
        return seen(jobId, type).stream().map(s -> type.cast(s.event())).toList();
    }

    public int count(String jobId, Class<? extends JobEvent> type) {
        return seen(jobId, type).size();
    }

    public boolean wasInterrupted(String jobId) {
        return interrupted.contains(jobId);
    }

    public void failing(boolean on) {
        failing = on;
    }
}
