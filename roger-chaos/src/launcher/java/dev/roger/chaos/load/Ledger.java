package dev.roger.chaos.load;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the producer knows about each job: confirmed by the broker (the enqueue returned), threw at
 * least once (then sent again with the same id), or given up. Thread-safe.
 */
public final class Ledger {

    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final Set<String> threw = ConcurrentHashMap.newKeySet();
    private final Set<String> gaveUp = ConcurrentHashMap.newKeySet();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

    void confirmed(String id) {
        confirmed.add(id);
    }

    void threw(String id, RuntimeException e) {
        threw.add(id);
        failedAttempts.incrementAndGet();
        String message = String.valueOf(e.getMessage()).replace(id, "<id>");
        String key = e.getClass().getSimpleName() + ": " + (message.length() > 160 ? message.substring(0, 160) + "..." : message);
        errors.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    void gaveUp(String id) {
        gaveUp.add(id);
    }

    public Set<String> confirmed() {
        return Set.copyOf(confirmed);
    }

    /** Ids whose enqueue threw at least once (and were sent again). */
    public Set<String> threw() {
        return Set.copyOf(threw);
    }

    /** Ids the producer stopped retrying: never confirmed. */
    public Set<String> gaveUp() {
        return Set.copyOf(gaveUp);
    }

    /** Enqueue calls that threw, over all jobs. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** The errors enqueue threw, with how often (job ids replaced by {@code <id>}). */
    public Map<String, Integer> errors() {
        Map<String, Integer> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
