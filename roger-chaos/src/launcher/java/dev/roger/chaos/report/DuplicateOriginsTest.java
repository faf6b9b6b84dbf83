package dev.roger.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.roger.chaos.fault.FaultRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuplicateOriginsTest {

    @Test
    void eachDuplicateGoesToTheFaultNearestItsFirstExecution() {
        Instant t0 = Instant.parse("2026-12-06T10:00:00Z");
        List<FaultRecord> faults = List.of(
                new FaultRecord("close_all_connections", t0.plusSeconds(10), 10, 100, "", null, 3),
                new FaultRecord("kill -9 node", t0.plusSeconds(40), 40, 400, "", null, 20));
        Map<String, Integer> origins = DuplicateOrigins.byFault(Map.of(
                "ran-just-before-the-close", t0.plusMillis(9_800),
                "ran-while-the-close-struck", t0.plusMillis(10_200),
                "acked-too-late-for-the-kill", t0.plusSeconds(39),
                "long-before-anything", t0.minusSeconds(120)), faults);
        assertEquals(Map.of("#1 close_all_connections", 2, "#2 kill -9 node", 1, DuplicateOrigins.NONE, 1), origins);
    }
}
