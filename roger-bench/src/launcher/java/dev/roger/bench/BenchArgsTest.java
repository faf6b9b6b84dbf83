package dev.roger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchArgsTest {

    @Test
    void fullByDefault() {
        assertEquals(BenchMode.FULL, BenchArgs.parse(new String[0]).mode());
        assertEquals(BenchMode.FULL, BenchArgs.parse(new String[] {""}).mode());
    }

    @Test
    void mavenPassesTheWordsAsOneArgument() {
        assertEquals(BenchMode.QUICK, BenchArgs.parse(new String[] {" --quick "}).mode());
        assertEquals(BenchMode.SMOKE, BenchArgs.parse(new String[] {"--smoke"}).mode());
        BenchArgs args = BenchArgs.parse(new String[] {"--full --case=9"});
        assertEquals(BenchMode.FULL, args.mode());
        assertEquals(Set.of(9), args.cases());
    }

    @Test
    void everyCaseRunsUnlessSomeAreNamed() {
        assertTrue(BenchArgs.parse(new String[0]).runs(4));
        BenchArgs some = BenchArgs.parse(new String[] {"--case=3,9"});
        assertTrue(some.runs(3));
        assertTrue(some.runs(9));
        assertFalse(some.runs(4));
        assertTrue(some.runsAny(2, 3, 5));
        assertFalse(some.runsAny(6));
    }

    @Test
    void unknownArgumentsAreRefused() {
        assertThrows(BenchFailure.class, () -> BenchArgs.parse(new String[] {"--fast"}));
        assertThrows(BenchFailure.class, () -> BenchArgs.parse(new String[] {"--case=12"}));
        assertThrows(BenchFailure.class, () -> BenchArgs.parse(new String[] {"--case=x"}));
        assertThrows(BenchFailure.class, () -> BenchArgs.parse(new String[] {"--"}));
    }
}
