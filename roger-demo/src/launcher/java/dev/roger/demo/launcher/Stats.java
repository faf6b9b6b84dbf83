package dev.roger.demo.launcher;

import java.util.Map;

/**
 * One reading of the demo application's job counts: finished runs and errors per partition.
 *
 * @param byPartition partition id to its counts; partitions that finished nothing yet are absent
 */
record Stats(Map<String, Counts> byPartition) {

    /** Runs and errors of one partition. */
    record Counts(long runs, long errors) {

        long done() {
            return runs + errors;
        }
    }

    static final Stats NONE = new Stats(Map.of());

    Counts of(String partition) {
        return byPartition.getOrDefault(partition, new Counts(0, 0));
    }

    long runs() {
        return byPartition.values().stream().mapToLong(Counts::runs).sum();
    }

    long errors() {
        return byPartition.values().stream().mapToLong(Counts::errors).sum();
    }

    /** Jobs that ran to an end, successful or not. */
    long done() {
        return runs() + errors();
    }
}
