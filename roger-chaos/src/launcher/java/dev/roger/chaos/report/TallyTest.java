package dev.roger.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void lostDuplicatedAndUnconfirmedAreTakenApart() {
        // j1 ran once; j2 confirmed but never ran; j3 ran twice after its enqueue threw; j4 ran three
        // times; j5 ran though its producer gave up on it.
        Tally t = Tally.of(5, Set.of("j1", "j2", "j3", "j4"), Set.of("j3", "j5"), Set.of("j5"),
                Map.of("j1", 1, "j3", 2, "j4", 3, "j5", 1));
        assertEquals(4, t.confirmed());
        assertEquals(4, t.executed());
        assertEquals(1, t.lost());
        assertEquals(List.of("j2"), t.lostSample());
        assertEquals(2, t.duplicated());
        assertEquals(List.of("j3", "j4"), t.duplicatedSample());
        assertEquals(3, t.extraExecutions());
        assertEquals(1, t.duplicatedAfterRetry());
        assertEquals(1, t.executedUnconfirmed());
        assertEquals(2, t.enqueueThrew());
        assertEquals(1, t.gaveUp());
        assertFalse(t.nothingLost());
    }

    @Test
    void everyConfirmedJobRunOnceIsClean() {
        Tally t = Tally.of(2, Set.of("a", "b"), Set.of(), Set.of(), Map.of("a", 1, "b", 1));
        assertTrue(t.nothingLost());
        assertEquals(0, t.duplicated());
        assertEquals(0, t.executedUnconfirmed());
    }
}
