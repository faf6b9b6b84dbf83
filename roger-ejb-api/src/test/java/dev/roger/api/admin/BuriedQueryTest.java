package dev.roger.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.BuriedJob;
import dev.roger.api.Job;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuriedQueryTest {

    private static final BuriedJob TIMEOUT = buried("acme", "default", "j1", "mail",
            "job failed: java.net.SocketTimeoutException: Read timed out", "java.net.SocketTimeoutException");
    private static final BuriedJob BAD_INPUT = new BuriedJob("acme", "reports", "j2", Optional.empty(),
            "Roger could not read the job: not JSON", Optional.empty(), Optional.empty(), Optional.empty(), 0,
            Optional.empty(), Optional.empty(), "n1");

    private static BuriedJob buried(String partition, String queue, String id, String type, String reason, String error) {
        return new BuriedJob(partition, queue, id, Optional.of(Job.builder(type).id(id).build()), reason,
                Optional.of(error), Optional.of("Read timed out"), Optional.empty(), 3, Optional.empty(),
                Optional.empty(), "n1");
    }

    @Test
    void everyGivenFilterMustHold() {
        assertTrue(BuriedQuery.all().matches(TIMEOUT));
        assertTrue(BuriedQuery.all().matches(BAD_INPUT));
        assertTrue(BuriedQuery.inQueue("acme", "default").matches(TIMEOUT));
        assertFalse(BuriedQuery.inQueue("acme", "default").matches(BAD_INPUT));
        assertFalse(BuriedQuery.builder().partition("other").build().matches(TIMEOUT));
        assertTrue(BuriedQuery.builder().jobId("j1").build().matches(TIMEOUT));
        assertFalse(BuriedQuery.builder().jobId("j1").build().matches(BAD_INPUT));
        assertTrue(BuriedQuery.builder().type("mail").build().matches(TIMEOUT));
        assertFalse(BuriedQuery.builder().type("mail").build().matches(BAD_INPUT), "no job, no type");
        assertTrue(BuriedQuery.builder().errorClass("SocketTimeoutException").build().matches(TIMEOUT), "simple name");
        assertTrue(BuriedQuery.builder().errorClass("java.net.SocketTimeoutException").build().matches(TIMEOUT));
        assertFalse(BuriedQuery.builder().errorClass("TimeoutException").build().matches(TIMEOUT), "not a suffix");
        assertTrue(BuriedQuery.builder().reasonContains("READ TIMED").build().matches(TIMEOUT), "ignoring case");
        assertFalse(BuriedQuery.builder().reasonContains("READ TIMED").type("other").build().matches(TIMEOUT),
                "all filters hold");
    }

    @Test
    void badQueriesAreRefusedWithTheReason() {
        assertEquals("a buried query naming queue default must name its partition",
                assertThrows(IllegalArgumentException.class, () -> BuriedQuery.builder().queue("default").build())
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> BuriedQuery.builder().limit(0).build());
        assertThrows(IllegalArgumentException.class, () -> BuriedQuery.builder().limit(BuriedQuery.MAX_LIMIT + 1).build());
        assertThrows(IllegalArgumentException.class, () -> BuriedQuery.builder().partition("no spaces").build());
    }

    @Test
    void blankFiltersAreUnsetAndToBuilderKeepsEverything() {
        BuriedQuery q = BuriedQuery.builder().partition("acme").queue("default").jobId(" ").type("mail")
                .errorClass("E").reasonContains("x").limit(7).before("42").build();
        assertEquals(Optional.empty(), q.jobId());
        assertEquals(q, q.toBuilder().build());
        assertEquals(7, q.limit());
        assertEquals(Optional.of("42"), q.before());
    }
}
