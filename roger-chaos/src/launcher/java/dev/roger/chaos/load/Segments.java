package dev.roger.chaos.load;

/**
 * Splits a phase's jobs around its faults so each fault strikes while jobs flow: with {@code f}
 * faults the jobs form {@code f + 1} equal segments; fault {@code k} is injected halfway through
 * segment {@code k}, and segment {@code k + 1} is sent only once the suite has recovered from it
 * (so the next fault never lands on a system still recovering from the last, and the last
 * segment shows the system working again).
 */
public record Segments(int jobs, int faults) {

    public Segments {
        if (jobs < 2 * (faults + 1)) {
            throw new IllegalArgumentException(jobs + " jobs are too few for " + faults + " faults");
        }
    }

    /** The index of the first job of segment {@code k} (0 to {@code faults}). */
    public int start(int k) {
        return (int) ((long) jobs * k / (faults + 1));
    }

    /** The number of jobs sent when fault {@code k} (0-based) is injected: halfway through its segment. */
    public int injectionPoint(int k) {
        return start(k) + (start(k + 1) - start(k)) / 2;
    }

    /** The segment job {@code i} starts, or -1 when it starts none (or the first). */
    public int segmentStartingAt(int i) {
        for (int k = 1; k <= faults; k++) {
            if (start(k) == i) {
                return k;
            }
        }
        return -1;
    }
}
