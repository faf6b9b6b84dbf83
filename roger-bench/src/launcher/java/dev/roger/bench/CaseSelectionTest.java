package dev.roger.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CaseSelectionTest {

    @Test
    void withoutOnlyEveryCaseRunsAndTheArgumentsPassThrough() {
        CaseSelection s = CaseSelection.fromArguments(new String[] {"--quick"});
        assertTrue(s.includes("outbox"));
        assertFalse(s.partial());
        assertArrayEquals(new String[] {"--quick"}, s.otherArguments());
        assertEquals(BenchMode.QUICK, BenchMode.fromArguments(s.otherArguments()));
    }

    @Test
    void onlyNamesTheCasesInMavensSingleArgument() {
        CaseSelection s = CaseSelection.fromArguments(new String[] {" --full --only=outbox,latency "});
        assertTrue(s.includes("outbox"));
        assertTrue(s.includes("latency"));
        assertFalse(s.includes("throughput"));
        assertTrue(s.includesAny("memory", "latency"));
        assertFalse(s.includesAny("fairness"));
        assertTrue(s.partial());
        assertEquals(BenchMode.FULL, BenchMode.fromArguments(s.otherArguments()));
    }

    @Test
    void anEmptyOnlyIsRefused() {
        assertThrows(BenchFailure.class, () -> CaseSelection.fromArguments(new String[] {"--only="}));
    }
}
