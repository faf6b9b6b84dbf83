package dev.roger.it.tracing;

import dev.roger.api.Job;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The runs of the test jobs, with the span id current in the bean during each. */
@ApplicationScoped
public class Runs {

    public record Run(String jobId, int retryCount, String currentSpanId) {
    }

    private final List<Run> runs = new CopyOnWriteArrayList<>();

    public void ran(Job job, String currentSpanId) {
        runs.add(new Run(job.id(), job.retryCount(), currentSpanId));
    }

    public List<Run> of(String jobId) {
        return runs.stream().filter(r -> r.jobId().equals(jobId)).toList();
    }
}
