package dev.roger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BenchModeTest {

    @Test
    void fullByDefault() {
        assertEquals(BenchMode.FULL, BenchMode.fromArguments(new String[0]));
        assertEquals(BenchMode.FULL, BenchMode.fromArguments(new String[] {""}));
    }

    @Test
    void mavenPassesTheWordsAsOneArgument() {
        assertEquals(BenchMode.QUICK, BenchMode.fromArguments(new String[] {" --quick "}));
        assertEquals(BenchMode.SMOKE, BenchMode.fromArguments(new String[] {"--smoke"}));
    }

    @Test
    void unknownArgumentsAreRefused() {
        assertThrows(BenchFailure.class, () -> BenchMode.fromArguments(new String[] {"--fast"}));
    }
}
