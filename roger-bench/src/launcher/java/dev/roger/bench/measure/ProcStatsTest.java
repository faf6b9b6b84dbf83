package dev.roger.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void cpuTicksAreUtimePlusStimeEvenWithSpacesInTheName() {
        String stat = "4242 (java main (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 56 0 0 20 0 40 0 100 0 0";
        assertEquals(1290, ProcStats.parseCpuTicks(stat));
    }

    @Test
    void rssIsReadInKilobytes() {
        assertEquals(123456, ProcStats.parseRssKilobytes("Name:\tjava\nVmPeak:\t 999 kB\nVmRSS:\t  123456 kB\n"));
    }

    @Test
    void readsThisProcess() {
        long pid = ProcessHandle.current().pid();
        assertTrue(ProcStats.rssBytes(pid) > 1_000_000);
        assertTrue(ProcStats.cpuNanos(pid) > 0);
    }
}
