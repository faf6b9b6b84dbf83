package dev.roger.it.fuzz;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Ids of the jobs that ran, one entry per run. */
@ApplicationScoped
public class FuzzRuns {
    private final List<String> ids = new CopyOnWriteArrayList<>();

    public void add(String id) {
        ids.add(id);
    }

    public long count(String id) {
        return ids.stream().filter(id::equals).count();
    }

    public int total() {
        return ids.size();
    }
}
