package dev.roger.it.portability;

import dev.roger.api.event.JobEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs and lifecycle events per job id. */
@ApplicationScoped
public class Seen {

    private final Map<String, List<String>> seen = new ConcurrentHashMap<>();

    void ran(String jobId) {
        seen.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>()).add("run");
    }

    void onEvent(@Observes JobEvent event) {
        seen.computeIfAbsent(event.job().id(), k -> new CopyOnWriteArrayList<>()).add(event.getClass().getSimpleName());
    }

    public List<String> of(String jobId) {
        return seen.getOrDefault(jobId, List.of());
    }
}
