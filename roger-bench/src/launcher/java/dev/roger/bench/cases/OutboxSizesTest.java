package dev.roger.bench.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roger.bench.BenchMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxSizesTest {

    @Test
    void eachModeWritesWholeTransactions() {
        for (BenchMode mode : List.of(BenchMode.FULL, BenchMode.QUICK, BenchMode.SMOKE)) {
            OutboxSizes s = OutboxSizes.of(mode);
            assertEquals(0, s.jobs() % s.batch(), mode.name());
            assertEquals(0, s.warmUpJobs() % s.batch(), mode.name());
        }
        assertEquals(20_000, OutboxSizes.of(BenchMode.FULL).jobs());
        assertEquals(5_000, OutboxSizes.of(BenchMode.QUICK).jobs());
        assertEquals(0, OutboxSizes.of(BenchMode.SMOKE).warmUpJobs());
    }

    @Test
    void rateIsJobsOverTheSpanInSecondsAndZeroForAnEmptySpan() {
        assertEquals(2000.0, OutboxSizes.rate(1000, 1_000_000, 1_500_000), 1e-9);
        assertEquals(0.0, OutboxSizes.rate(1000, 5, 5));
    }

    @Test
    void eachWayLeadsOneRepetitionInThree() {
        List<String> ways = List.of("a", "b", "c");
        assertEquals(List.of("a", "b", "c"), OutboxSizes.rotated(ways, 0));
        assertEquals(List.of("b", "c", "a"), OutboxSizes.rotated(ways, 1));
        assertEquals(List.of("c", "a", "b"), OutboxSizes.rotated(ways, 2));
        assertEquals(List.of("a", "b", "c"), OutboxSizes.rotated(ways, 3));
    }
}
