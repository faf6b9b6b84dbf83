package dev.roger.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

class ChaosArgsTest {

    @Test
    void fullWithBothPhasesIsTheDefault() {
        ChaosArgs a = ChaosArgs.parse();
        assertEquals(ChaosMode.FULL, a.mode());
        assertTrue(a.runs(ChaosArgs.NODES) && a.runs(ChaosArgs.CLUSTER));
    }

    @Test
    void mavenPassesEverythingAsOneString() {
        ChaosArgs a = ChaosArgs.parse("--short --jobs 500  --phase cluster");
        assertEquals("short", a.mode().name());
        assertEquals(500, a.mode().jobs());
        assertEquals(1, a.mode().rounds());
        assertFalse(a.runs(ChaosArgs.NODES));
        assertTrue(a.runs(ChaosArgs.CLUSTER));
    }

    @Test
    void unknownOrIncompleteArgumentsSayWhich() {
        assertEquals("Unknown argument '--fast': expected --short, --full, --jobs N, --phase nodes|cluster",
                assertThrows(IllegalArgumentException.class, () -> ChaosArgs.parse("--fast")).getMessage());
        assertEquals("--jobs needs a value",
                assertThrows(IllegalArgumentException.class, () -> ChaosArgs.parse("--jobs")).getMessage());
        assertEquals("--phase must be nodes or cluster, not 'all'",
                assertThrows(IllegalArgumentException.class, () -> ChaosArgs.parse("--phase all")).getMessage());
    }
}
