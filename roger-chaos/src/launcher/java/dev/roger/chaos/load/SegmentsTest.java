package dev.roger.chaos.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import org.junit.jupiter.api.Test;

class SegmentsTest {

    @Test
    void faultsStrikeHalfwayThroughEqualSegments() {
        Segments s = new Segments(2000, 4);
        assertEquals(0, s.start(0));
        assertEquals(400, s.start(1));
        assertEquals(2000, s.start(5));
        assertEquals(200, s.injectionPoint(0));
        assertEquals(1400, s.injectionPoint(3));
        assertEquals(2, s.segmentStartingAt(800));
        assertEquals(-1, s.segmentStartingAt(0));
        assertEquals(-1, s.segmentStartingAt(801));
    }

    @Test
    void tooFewJobsForTheFaultsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Segments(5, 4));
    }
}
