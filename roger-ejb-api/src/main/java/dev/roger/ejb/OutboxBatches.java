package dev.roger.ejb;

import java.util.ArrayList;
import java.util.List;

/** Cuts outbox rows, in id order, into runs of one partition: each is published as one batch. */
final class OutboxBatches {

    /** Consecutive rows of one partition. */
    record Batch(String partition, List<OutboxRow> rows) {
    }

    private OutboxBatches() {
    }

    /**
     * The rows in runs of consecutive rows of one partition, in order. Only neighbours are joined,
     * so that publishing the batches one after another keeps the rows' order exactly, and when one
     * fails every row after it is still unpublished.
     */
    static List<Batch> of(List<OutboxRow> rows) {
        List<Batch> batches = new ArrayList<>();
        List<OutboxRow> current = null;
        String partition = null;
        for (OutboxRow row : rows) {
            if (current == null || !row.partition().equals(partition)) {
                partition = row.partition();
                current = new ArrayList<>();
                batches.add(new Batch(partition, current));
            }
            current.add(row);
        }
        return batches.stream().map(b -> new Batch(b.partition(), List.copyOf(b.rows()))).toList();
    }
}
