package dev.roger.it.rollback;

import dev.roger.api.event.AfterRun;
import dev.roger.api.event.JobBuried;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which jobs' beans returned, and which jobs Roger reported done (AfterRun) or buried. */
@ApplicationScoped
public class Returns {
    private final Set<String> returned = ConcurrentHashMap.newKeySet();
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Set<String> buried = ConcurrentHashMap.newKeySet();

    public void add(String id) {
        returned.add(id);
    }

    void afterRun(@Observes AfterRun e) {
        done.add(e.job().id());
    }

    void buried(@Observes JobBuried e) {
        buried.add(e.job().id());
    }

    public boolean returned(String id) {
        return returned.contains(id);
    }

    public boolean done(String id) {
        return done.contains(id);
    }

    public boolean buried(String id) {
        return buried.contains(id);
    }
}
