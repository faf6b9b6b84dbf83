package dev.roger.ejb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxBatchesTest {

    @Test
    void consecutiveRowsOfAPartitionMakeOneBatchAndTheOrderOfAllRowsIsKept() {
        List<OutboxRow> rows = List.of(row(1, "a"), row(2, "a"), row(3, "b"), row(4, "a"), row(5, "a"), row(6, "c"));
        List<OutboxBatches.Batch> batches = OutboxBatches.of(rows);
        assertEquals(List.of("a", "b", "a", "c"), batches.stream().map(OutboxBatches.Batch::partition).toList());
        assertEquals(List.of(List.of(1L, 2L), List.of(3L), List.of(4L, 5L), List.of(6L)),
                batches.stream().map(b -> b.rows().stream().map(OutboxRow::id).toList()).toList());
    }

    @Test
    void noRowsNoBatch() {
        assertEquals(List.of(), OutboxBatches.of(List.of()));
    }

    static OutboxRow row(long id, String partition) {
        return new OutboxRow(id, partition, "job-" + id);
    }
}
