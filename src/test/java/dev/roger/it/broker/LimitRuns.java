package dev.roger.it.broker;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The ids of the jobs {@link LimitJobBean} ran. */
@ApplicationScoped
public class LimitRuns {

    private final Set<String> ran = ConcurrentHashMap.newKeySet();

    void record(String id) {
        ran.add(id);
    }

    public boolean hasRun(String id) {
        return ran.contains(id);
    }
}
