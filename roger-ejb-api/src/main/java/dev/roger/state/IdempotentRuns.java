package dev.roger.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of a partition's global state that lets at most one copy of an idempotent job run: per
 * job id, the copy that runs now (node, attempt, lease), the attempt Roger's own retry will bring
 * next, or the time the job finished. Any other copy with that id (a producer's retry of an
 * enqueue whose confirm was lost, a redelivery after a lost connection) is refused while a copy
 * runs and dropped once the job finished. Not thread-safe: {@link PartitionState} guards it.
 */
final class IdempotentRuns {

    /** At most this many finished ids are remembered, whatever the retention. */
    static final int MAX_DONE = 100_000;

    /** What {@link #begin} tells the asking node. */
    enum Admission {
        /** Run this copy: it now holds the id. */
        RUN,
        /** Another copy runs now: put this one back and try later. */
        BUSY,
        /** The job already finished, or Roger's retry of it is pending: drop this copy. */
        DUPLICATE
    }

    /** How a run of a copy ended, as reported by its node. */
    enum Outcome {
        /** Succeeded, was buried or cancelled: the id is spent. */
        DONE,
        /** Failed, and the next attempt (retry count + 1) is scheduled. */
        RETRY,
        /** Did not start after all (it went to an execution key's waiting queue, or back to its queue). */
        ABANDON
    }

    /** A copy that runs now; {@code renewedAt} is on this owner's clock only. */
    record Running(String node, int attempt, Instant renewedAt) {
    }

    /** A failed job whose next attempt is scheduled. */
    record Retrying(int nextAttempt, Instant at) {
    }

    private final Duration lease;
    private final Duration retention;
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Map<String, Retrying> retrying = new LinkedHashMap<>();
    /** In the order the jobs finished, so the oldest go first. */
    private final LinkedHashMap<String, Instant> done = new LinkedHashMap<>();

    IdempotentRuns(Duration lease, Duration retention) {
        this.lease = lease;
        this.retention = retention;
    }

    /** Holder node of a refused copy, when {@link Admission#BUSY}. */
    String holder(String jobId) {
        Running r = running.get(jobId);
        return r == null ? null : r.node();
    }

    /**
     * A node dequeued a copy of attempt {@code attempt} (its retry count) and asks to run it. A
     * running copy whose node stopped renewing its lease is taken over: that node died.
     */
    Admission begin(String jobId, String node, int attempt, Instant now) {
        if (done.containsKey(jobId)) {
            return Admission.DUPLICATE;
        }
        Running r = running.get(jobId);
        if (r != null && !expired(r, now)) {
            return Admission.BUSY;
        }
        Retrying next = retrying.get(jobId);
        if (r == null && next != null && attempt < next.nextAttempt()) {
            // An older copy than the scheduled retry: the attempt it stands for already failed.
            return Admission.DUPLICATE;
        }
        running.put(jobId, new Running(node, attempt, now));
        retrying.remove(jobId);
        return Admission.RUN;
    }

    /** Records how the run of {@code attempt} on {@code node} ended; true when the state changed. */
    boolean end(String jobId, String node, int attempt, Outcome outcome, Instant now) {
        return switch (outcome) {
            case DONE -> {
                running.remove(jobId);
                retrying.remove(jobId);
                done.remove(jobId);
                done.put(jobId, now);
                yield true;
            }
            case RETRY -> {
                if (done.containsKey(jobId)) {
                    yield false;
                }
                running.remove(jobId);
                retrying.put(jobId, new Retrying(attempt + 1, now));
                yield true;
            }
            case ABANDON -> {
                Running r = running.get(jobId);
                if (r == null || !r.node().equals(node) || r.attempt() != attempt) {
                    yield false;
                }
                running.remove(jobId);
                if (attempt > 0) {
                    retrying.put(jobId, new Retrying(attempt, now));
                }
                yield true;
            }
        };
    }

    /** Forgets a job id (its buried job is put back to run again); true when it was known. */
    boolean forget(String jobId) {
        boolean known = running.remove(jobId) != null;
        known |= retrying.remove(jobId) != null;
        return done.remove(jobId) != null || known;
    }

    /** Extends the leases of these running copies of {@code node}. */
    void renew(String node, Collection<String> jobIds, Instant now) {
        for (String id : jobIds) {
            Running r = running.get(id);
            if (r != null && r.node().equals(node)) {
                running.put(id, new Running(node, r.attempt(), now));
            }
        }
    }

    /** Drops what is older than the retention, and the oldest finished ids over {@link #MAX_DONE}; true when any went. */
    boolean expire(Instant now) {
        Instant cutoff = now.minus(retention);
        boolean dropped = running.values().removeIf(r -> r.renewedAt().isBefore(cutoff));
        dropped |= retrying.values().removeIf(r -> r.at().isBefore(cutoff));
        Iterator<Map.Entry<String, Instant>> oldest = done.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Instant> e = oldest.next();
            if (done.size() <= MAX_DONE && !e.getValue().isBefore(cutoff)) {
                break;
            }
            oldest.remove();
            dropped = true;
        }
        return dropped;
    }

    /** Whether anything is remembered. */
    boolean isEmpty() {
        return running.isEmpty() && retrying.isEmpty() && done.isEmpty();
    }

    Map<String, Running> running() {
        return running;
    }

    Map<String, Retrying> retrying() {
        return retrying;
    }

    Map<String, Instant> done() {
        return done;
    }

    /** Restores stored entries; running copies get a fresh lease, as their nodes may be renewing with the old owner. */
    void restore(Map<String, Running> storedRunning, Map<String, Retrying> storedRetrying, Map<String, Instant> storedDone,
                 Instant now) {
        storedRunning.forEach((id, r) -> running.put(id, new Running(r.node(), r.attempt(), now)));
        retrying.putAll(storedRetrying);
        storedDone.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> done.put(e.getKey(), e.getValue()));
    }

    private boolean expired(Running r, Instant now) {
        return r.renewedAt().plus(lease).isBefore(now);
    }
}
