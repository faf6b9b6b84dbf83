package dev.roger.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueueLoadsTest {

    private final QueueLoads loads = new QueueLoads();

    @Test
    void withoutDetachedJobsEveryJobIsAdmittedAsThePrefetchAlreadyBoundsThem() {
        // A reconfigure briefly runs an old and a new consumer of one queue: more than the new count.
        for (int i = 0; i < 5; i++) {
            assertTrue(loads.admit("p-q", 2));
        }
    }

    @Test
    void aDetachedJobKeepsItsWorkerUntilItIsSettled() {
        assertTrue(loads.admit("p-q", 2));
        loads.detached("p-q");
        assertTrue(loads.admit("p-q", 2), "one worker left beside the detached job");
        assertFalse(loads.admit("p-q", 2), "both workers taken, one by the detached job");
        assertTrue(loads.admit("p-other", 2), "another queue has its own workers");

        loads.settled("p-q", true);
        assertTrue(loads.admit("p-q", 2), "the detached job ended: its worker is free");
    }

    @Test
    void settledQueuesAreForgotten() {
        loads.admit("p-q", 1);
        loads.detached("p-q");
        loads.admit("p-r", 1);
        loads.settled("p-q", true);
        loads.settled("p-r", false);
        assertEquals(0, loads.size());
    }
}
