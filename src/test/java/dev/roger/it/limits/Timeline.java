package dev.roger.it.limits;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The order in which jobs started, and the most that ran at once on the node. */
@ApplicationScoped
public class Timeline {

    private final List<String> starts = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    void started(String partition, long waitedMillis) {
        starts.add(partition + (partition.equals("calm") ? "@" + waitedMillis : ""));
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
    }

    void finished() {
        running.decrementAndGet();
    }

    String report() {
        return "peak=" + peak.get() + "\nstarts=" + String.join(",", starts);
    }
}
