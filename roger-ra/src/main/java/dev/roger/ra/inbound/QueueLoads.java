package dev.roger.ra.inbound;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many jobs of each partition queue this node has admitted and not yet settled, and how many
 * of those are detached from their delivery. A detached job no longer counts against its
 * consumer's prefetch, so the broker hands the consumer another job; counting it here keeps the
 * queue's worker count the bound of its jobs running on this node.
 */
final class QueueLoads {

    private record Load(int admitted, int detached) {
    }

    private final Map<String, Load> loads = new ConcurrentHashMap<>();

    /**
     * Admits a job of {@code queue} unless {@code workers} are already taken and some by detached
     * jobs (without detached jobs the consumer's prefetch is the bound, as always).
     */
    boolean admit(String queue, int workers) {
        boolean[] admitted = {true};
        loads.compute(queue, (k, load) -> {
            Load l = load == null ? new Load(0, 0) : load;
            if (l.detached() > 0 && l.admitted() >= workers) {
                admitted[0] = false;
                return load;
            }
            return new Load(l.admitted() + 1, l.detached());
        });
        return admitted[0];
    }

    /** An admitted job of {@code queue} was detached from its delivery. */
    void detached(String queue) {
        loads.computeIfPresent(queue, (k, l) -> new Load(l.admitted(), l.detached() + 1));
    }

    /** An admitted job of {@code queue} was settled (acked or put back). */
    void settled(String queue, boolean wasDetached) {
        loads.computeIfPresent(queue, (k, l) -> l.admitted() <= 1 ? null
                : new Load(l.admitted() - 1, l.detached() - (wasDetached ? 1 : 0)));
    }

    /** Queues with jobs in progress: an idle queue costs nothing. */
    int size() {
        return loads.size();
    }
}
