package dev.roger.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOnAHundredSamples() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());
        assertEquals(50, p.at(50));
        assertEquals(99, p.at(99));
        assertEquals(100, p.max());
    }

    @Test
    void p99OfFewSamplesIsTheLargest() {
        assertEquals(7, Percentiles.of(new long[] {3, 7, 5}).at(99));
    }

    @Test
    void doesNotSortTheCallersArray() {
        long[] samples = {3, 1, 2};
        Percentiles.of(samples);
        assertEquals("[3, 1, 2]", Arrays.toString(samples));
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalStateException.class, () -> Percentiles.of(new long[0]).at(50));
    }

    @Test
    void medianSkipsMissingRuns() {
        assertEquals(2.0, Median.of(Arrays.asList(3.0, null, 1.0, 2.0)));
        assertEquals(1.5, Median.of(List.of(1.0, 2.0)));
        assertNull(Median.of(Arrays.asList((Double) null)));
    }
}
