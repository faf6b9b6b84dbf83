package dev.roger.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roger.bench.BenchFailure;
import org.junit.jupiter.api.Test;

class PerfTestOutputTest {

    /** As PerfTest 2.22 prints it: per-second lines, then the summary. */
    private static final String OUTPUT = """
            id: q, time 1.001 s, sent: 9990 msg/s, confirmed: 9990 msg/s, nacked: 0 msg/s, received: 1955 msg/s, \
            min/median/75th/95th/99th consumer latency: 19584/718276/731923/745613/761880 µs, confirm latency: \
            454/18652/27228/54395/56735 µs
            test stopped (Producer reached message limit [2], Consumer reached message limit)
            id: q, sending rate avg: 3710 msg/s
            id: q, receiving rate avg: 3705 msg/s
            id: q, consumer latency min/median/75th/95th/99th 64882/859184/1422920/1652220/1754104 µs
            id: q, confirm latency min/median/75th/95th/99th 618/19525/28054/54486/57061 µs
            """;

    @Test
    void readsTheSummaryNotThePerSecondLines() {
        PerfTestOutput out = PerfTestOutput.parse(OUTPUT);
        assertEquals(3705, out.receivedPerSecond());
        assertEquals(859184, out.latencyP50Micros());
        assertEquals(1754104, out.latencyP99Micros());
    }

    @Test
    void noSummaryIsAFailure() {
        assertThrows(BenchFailure.class, () -> PerfTestOutput.parse("Connection refused"));
    }
}
