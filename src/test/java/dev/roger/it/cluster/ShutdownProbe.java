package dev.roger.it.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** An application-scoped bean the shutdown test's jobs call when they end. */
@ApplicationScoped
public class ShutdownProbe {

    private final AtomicLong finished = new AtomicLong();

    public long finished(String jobId) {
        return finished.incrementAndGet();
    }
}
