package dev.roger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.GlobalStateInfo;
import dev.roger.state.StateReply.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PartitionStateTest extends PartitionStateFixture {

    private StateReply apply(StateRequest r) {
        return state.apply(r);
    }

    private GlobalStateInfo info() {
        return apply(StateRequest.info()).info();
    }

    // --- queue keys ---

    @Test
    void duplicateQueueKeyIsRefusedUntilReleased() {
        assertEquals(Status.GRANTED, apply(StateRequest.claimQueueKey("k", "job1")).status());
        StateReply refused = apply(StateRequest.claimQueueKey("k", "job2"));
        assertEquals(Status.REFUSED, refused.status());
        assertEquals("job1", refused.holder());

        assertEquals(Status.DONE, apply(StateRequest.releaseQueueKey("k", "job1")).status());
        assertEquals(Status.GRANTED, apply(StateRequest.claimQueueKey("k", "job2")).status());
        assertEquals(Map.of("k", "job2"), info().queueKeys());
    }

    @Test
    void queueKeyIsGrantedAgainToItsHolder() {
        apply(StateRequest.claimQueueKey("k", "job1"));
        state.store();
        assertEquals(Status.GRANTED, apply(StateRequest.claimQueueKey("k", "job1")).status());
        assertFalse(state.dirty(), "granting a key its job already holds changes nothing");
    }

    @Test
    void releaseByNonHolderDoesNothing() {
        apply(StateRequest.claimQueueKey("k", "job1"));
        state.store();
        // e.g. a cancelled duplicate that was refused the key at enqueue time
        assertEquals(Status.DONE, apply(StateRequest.releaseQueueKey("k", "job2")).status());
        assertFalse(state.dirty());
        assertEquals(Map.of("k", "job1"), info().queueKeys());
        assertEquals(Status.REFUSED, apply(StateRequest.claimQueueKey("k", "job3")).status());
    }

    // --- execution keys ---

    @Test
    void executionKeyIsExclusiveAndReleaseMovesAWaiter() {
        assertEquals(Status.GRANTED, apply(StateRequest.acquireExecKey("e", "job1", "n1")).status());
        StateReply refused = apply(StateRequest.acquireExecKey("e", "job2", "n2"));
        assertEquals(Status.REFUSED, refused.status());
        assertEquals("job1", refused.holder());
        assertEquals(Set.of("e"), info().waitingKeys());

        StateReply released = apply(StateRequest.releaseExecKey("e", "job1"));
        assertEquals(Status.DONE, released.status());
        assertEquals(List.of("e"), released.moveWaiters());
        assertEquals(Map.of(), info().executionKeys());
    }

    @Test
    void releaseWithoutWaitersMovesNothing() {
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        StateReply released = apply(StateRequest.releaseExecKey("e", "job1"));
        assertEquals(Status.DONE, released.status());
        assertEquals(List.of(), released.moveWaiters());
    }

    @Test
    void execKeyReleaseByNonHolderDoesNothing() {
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        apply(StateRequest.acquireExecKey("e", "job2", "n1"));
        state.store();
        StateReply reply = apply(StateRequest.releaseExecKey("e", "job2"));
        assertEquals(List.of(), reply.moveWaiters());
        assertFalse(state.dirty());
        assertEquals(Map.of("e", "job1"), info().executionKeys());
    }

    @Test
    void acquireIsReentrantForTheSameJob() {
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        // a redelivered copy on another node, after n1 died
        assertEquals(Status.GRANTED, apply(StateRequest.acquireExecKey("e", "job1", "n2")).status());
        assertEquals(Set.of(), info().waitingKeys());
        assertEquals(Map.of("e", "job1"), info().executionKeys());
    }

    @Test
    void expiredLeaseLetsAnotherJobAcquire() {
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        clock.advance(LEASE);
        assertEquals(Status.REFUSED, apply(StateRequest.acquireExecKey("e", "job2", "n2")).status(),
                "a lease is valid up to and including its end");
        clock.advance(Duration.ofMillis(1));
        assertEquals(Status.GRANTED, apply(StateRequest.acquireExecKey("e", "job2", "n2")).status());
        assertEquals(Map.of("e", "job2"), info().executionKeys());
    }

    @Test
    void renewKeepsTheLeaseAlive() {
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        apply(StateRequest.acquireExecKey("f", "job9", "n1"));
        clock.advance(LEASE);
        assertEquals(Status.DONE, apply(StateRequest.renew("n1", List.of("job1", "other"))).status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Status.REFUSED, apply(StateRequest.acquireExecKey("e", "job2", "n2")).status());
        assertEquals(Status.GRANTED, apply(StateRequest.acquireExecKey("f", "job3", "n2")).status(),
                "job9 was not renewed");
    }

    @Test
    void refusedExecKeyLeavesTheQueueKeyAlone() {
        apply(StateRequest.claimQueueKey("q", "job2"));
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        assertEquals(Status.REFUSED, apply(StateRequest.acquireExecKey("e", "job2", "n1")).status());
        assertEquals(Map.of("q", "job2"), info().queueKeys());
        assertEquals(Status.REFUSED, apply(StateRequest.claimQueueKey("q", "job3")).status());

        apply(StateRequest.releaseExecKey("e", "job1"));
        assertEquals(Status.GRANTED, apply(StateRequest.acquireExecKey("e", "job2", "n1")).status());
        apply(StateRequest.releaseExecKey("e", "job2"));
        apply(StateRequest.releaseQueueKey("q", "job2"));
        assertEquals(Map.of(), info().queueKeys());
        assertEquals(Map.of(), info().executionKeys());
    }

    // --- tick ---

    @Test
    void tickMovesFreeWaitingKeysOnceEveryFiveSeconds() {
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        apply(StateRequest.acquireExecKey("e", "job2", "n1"));
        apply(StateRequest.acquireExecKey("f", "job3", "n1"));
        apply(StateRequest.acquireExecKey("f", "job4", "n1"));
        assertEquals(List.of(), apply(StateRequest.tick()).moveWaiters(), "held keys are not moved");

        apply(StateRequest.releaseExecKey("f", "job3"));
        // "f" was just moved by the release: not again within 5 s
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), apply(StateRequest.tick()).moveWaiters());
        clock.advance(Duration.ofSeconds(4));
        assertEquals(List.of("f"), apply(StateRequest.tick()).moveWaiters());
        clock.advance(Duration.ofSeconds(4));
        assertEquals(List.of(), apply(StateRequest.tick()).moveWaiters());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("f"), apply(StateRequest.tick()).moveWaiters());
    }

    @Test
    void tickMovesAWaitingKeyThatWasNeverMoved() {
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        apply(StateRequest.acquireExecKey("e", "job2", "n1"));
        // the holder's node died: its lease runs out
        clock.advance(LEASE.plusMillis(1));
        state.store();
        StateReply tick = apply(StateRequest.tick());
        assertEquals(Status.DONE, tick.status());
        assertEquals(List.of("e"), tick.moveWaiters());
        assertTrue(state.dirty(), "dropping an expired lease changes the state");
        assertEquals(Map.of(), info().executionKeys());
        assertEquals(List.of(), apply(StateRequest.tick()).moveWaiters());
    }

    @Test
    void tickKeepsLiveLeases() {
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        clock.advance(LEASE);
        state.store();
        apply(StateRequest.tick());
        assertFalse(state.dirty());
        assertEquals(Map.of("e", "job1"), info().executionKeys());
    }

    // --- waiting empty ---

    @Test
    void waitingEmptyForgetsAKeyOnlyAfterTheGrace() {
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        apply(StateRequest.acquireExecKey("e", "job2", "n1"));
        clock.advance(Duration.ofSeconds(11));
        apply(StateRequest.waitingEmpty("e"));
        assertEquals(Set.of("e"), info().waitingKeys(), "still held: its waiter may just not be visible");

        apply(StateRequest.releaseExecKey("e", "job1"));
        apply(StateRequest.acquireExecKey("e", "job3", "n1"));
        apply(StateRequest.acquireExecKey("e", "job4", "n1")); // waiting again, now
        apply(StateRequest.releaseExecKey("e", "job3"));
        clock.advance(Duration.ofSeconds(10));
        state.store();
        assertEquals(Status.DONE, apply(StateRequest.waitingEmpty("e")).status());
        assertEquals(Set.of("e"), info().waitingKeys(), "a publish to the waiting queue may be in flight");
        assertFalse(state.dirty());

        clock.advance(Duration.ofMillis(1));
        apply(StateRequest.waitingEmpty("e"));
        assertEquals(Set.of(), info().waitingKeys());
        assertTrue(state.dirty());
        assertEquals(List.of(), apply(StateRequest.tick()).moveWaiters());
    }

    // --- cancel ---

    @Test
    void cancelIsFirstThenAgainThenForgotten() {
        assertEquals(Status.NONE, apply(StateRequest.consumeCancel("job1")).status());
        assertEquals(Status.DONE, apply(StateRequest.cancel("job1")).status());
        assertEquals(1, info().cancelledJobs());
        assertEquals(Status.FIRST, apply(StateRequest.consumeCancel("job1")).status());
        assertEquals(Status.AGAIN, apply(StateRequest.consumeCancel("job1")).status());
        assertEquals(0, info().cancelledJobs(), "only not-seen ids are counted");

        // the retention counts from the moment the cancel was seen
        clock.advance(RETENTION);
        apply(StateRequest.tick());
        assertEquals(Status.AGAIN, apply(StateRequest.consumeCancel("job1")).status());
        clock.advance(Duration.ofMillis(1));
        state.store();
        apply(StateRequest.tick());
        assertTrue(state.dirty());
        assertEquals(Status.NONE, apply(StateRequest.consumeCancel("job1")).status());
    }

    @Test
    void aScheduledJobsCancelIsKeptUntilItIsDuePlusTheRetention() {
        java.time.Instant due = clock.instant().plus(RETENTION.multipliedBy(10));
        apply(StateRequest.cancel("later", due.toEpochMilli()));
        apply(StateRequest.cancel("plain"));
        clock.advance(RETENTION.multipliedBy(10));
        apply(StateRequest.tick());
        assertEquals(Status.NONE, apply(StateRequest.consumeCancel("plain")).status(), "a plain cancel is gone");
        assertEquals(Status.FIRST, apply(StateRequest.consumeCancel("later")).status(),
                "the scheduled job arriving when due still finds its cancel");
    }

    @Test
    void cancellingTwiceKeepsOneEntry() {
        apply(StateRequest.cancel("unknown"));
        long version = apply(StateRequest.hello("n1", -1)).cancelVersion();
        state.store();
        apply(StateRequest.cancel("unknown"));
        assertFalse(state.dirty());
        assertEquals(1, info().cancelledJobs());
        StateReply hello = apply(StateRequest.hello("n1", -1));
        assertEquals(version, hello.cancelVersion());
        assertEquals(List.of("unknown"), hello.cancelled());
    }

    @Test
    void cancelledIdsAreCapped() {
        for (int i = 0; i <= PartitionState.MAX_CANCELLED; i++) {
            if (i == PartitionState.MAX_CANCELLED) {
                clock.advance(Duration.ofMillis(1));
            }
            apply(StateRequest.cancel("job" + i));
            if (i == 0) {
                clock.advance(Duration.ofMillis(1));
            }
        }
        assertEquals(100_001, info().cancelledJobs());
        apply(StateRequest.tick());
        assertEquals(100_000, info().cancelledJobs());
        assertEquals(Status.NONE, apply(StateRequest.consumeCancel("job0")).status(), "the oldest is dropped");
        assertEquals(Status.FIRST, apply(StateRequest.consumeCancel("job1")).status());
        assertEquals(Status.FIRST, apply(StateRequest.consumeCancel("job100000")).status());
    }

    @Test
    void helloSendsCancelledIdsOnlyToStaleReplicas() {
        apply(StateRequest.pause("q1"));
        apply(StateRequest.cancel("a"));
        apply(StateRequest.cancel("b"));
        apply(StateRequest.consumeCancel("a"));

        StateReply stale = apply(StateRequest.hello("n1", 0));
        assertEquals(Status.SNAPSHOT, stale.status());
        assertEquals(Set.of("q1"), stale.paused());
        assertEquals(3, stale.cancelVersion());
        assertEquals(List.of("b"), stale.cancelled(), "seen ids are not sent");
        assertNull(stale.owner());

        StateReply current = apply(StateRequest.hello("n1", 3));
        assertEquals(Set.of("q1"), current.paused());
        assertEquals(3, current.cancelVersion());
        assertNull(current.cancelled());
    }

    @Test
    void helloOnAnEmptyState() {
        StateReply hello = apply(StateRequest.hello("n1", 0));
        assertEquals(0, hello.cancelVersion());
        assertNull(hello.cancelled());
        assertEquals(List.of(), apply(StateRequest.hello("n1", 7)).cancelled());
    }

    // --- pause ---

    @Test
    void pauseAndResumeStoreAtOnceWhenTheyChangeSomething() {
        assertTrue(apply(StateRequest.pause("q1")).storeNow());
        assertTrue(state.dirty());
        state.store();
        StateReply again = apply(StateRequest.pause("q1"));
        assertEquals(Status.DONE, again.status());
        assertFalse(again.storeNow());
        assertFalse(state.dirty());
        assertEquals(Set.of("q1"), info().pausedQueues());

        assertTrue(apply(StateRequest.resume("q1")).storeNow());
        assertFalse(apply(StateRequest.resume("q1")).storeNow());
        assertEquals(Set.of(), info().pausedQueues());
    }

    // --- info ---

    @Test
    void infoShowsTheWholeState() {
        apply(StateRequest.pause("q1"));
        apply(StateRequest.claimQueueKey("k", "job1"));
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        apply(StateRequest.acquireExecKey("e", "job2", "n1"));
        apply(StateRequest.cancel("job3"));
        StateReply reply = apply(StateRequest.info());
        assertEquals(Status.INFO, reply.status());
        assertEquals(new GlobalStateInfo("p1", "", Set.of("q1"), Map.of("k", "job1"), Map.of("e", "job1"),
                Set.of("e"), 1), reply.info());
    }

    // --- validation ---

    @Test
    void missingFieldsAreRejectedWithTheOpAndField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> apply(StateRequest.claimQueueKey(null, "job1")));
        assertTrue(e.getMessage().contains("CLAIM_QUEUE_KEY") && e.getMessage().contains("key"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> apply(StateRequest.releaseExecKey("e", " ")));
        assertTrue(e.getMessage().contains("RELEASE_EXEC_KEY") && e.getMessage().contains("jobId"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> apply(StateRequest.acquireExecKey("e", "job1", null)));
        assertThrows(IllegalArgumentException.class, () -> apply(StateRequest.releaseQueueKey("k", null)));
        assertThrows(IllegalArgumentException.class, () -> apply(StateRequest.cancel("")));
        assertThrows(IllegalArgumentException.class, () -> apply(StateRequest.consumeCancel(null)));
        assertThrows(IllegalArgumentException.class, () -> apply(StateRequest.pause(null)));
        assertThrows(IllegalArgumentException.class, () -> apply(StateRequest.resume("")));
        assertThrows(IllegalArgumentException.class, () -> apply(StateRequest.waitingEmpty(null)));
        assertThrows(IllegalArgumentException.class, () -> apply(StateRequest.renew(null, List.of("job1"))));
        assertFalse(state.dirty());
    }

    // --- dirty, store, restore ---

    @Test
    void dirtyFollowsChangesAndStore() {
        assertFalse(state.dirty());
        apply(StateRequest.info());
        apply(StateRequest.hello("n1", 5));
        apply(StateRequest.tick());
        assertFalse(state.dirty(), "reads and an idle tick change nothing");
        apply(StateRequest.claimQueueKey("k", "job1"));
        assertTrue(state.dirty());
        state.store();
        assertFalse(state.dirty());
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        assertTrue(state.dirty());
        state.store();
        apply(StateRequest.renew("n1", List.of("job1")));
        assertFalse(state.dirty(), "a renewal from the same node is not worth storing");
        apply(StateRequest.renew("n2", List.of("job1")));
        assertTrue(state.dirty(), "the holder's node changed");
        state.store();
        apply(StateRequest.cancel("job9"));
        assertTrue(state.dirty());
        state.store();
        apply(StateRequest.consumeCancel("job9"));
        assertTrue(state.dirty());
        state.store();
        apply(StateRequest.consumeCancel("job9"));
        apply(StateRequest.consumeCancel("nope"));
        assertFalse(state.dirty());
    }

    @Test
    void storeAndRestoreKeepEverything() {
        apply(StateRequest.pause("q1"));
        apply(StateRequest.pause("q2"));
        apply(StateRequest.claimQueueKey("k1", "job1"));
        apply(StateRequest.claimQueueKey("k2", "job2"));
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        apply(StateRequest.acquireExecKey("e", "job2", "n2"));
        apply(StateRequest.cancel("c1"));
        apply(StateRequest.cancel("c2"));
        apply(StateRequest.consumeCancel("c2"));
        long version = apply(StateRequest.hello("x", -1)).cancelVersion();
        byte[] blob = state.store();

        // the holder's lease is nearly over when the owner changes
        clock.advance(LEASE.minusSeconds(1));
        PartitionState restored = PartitionState.restore("p1", blob, SETTINGS, clock);
        assertFalse(restored.dirty());
        GlobalStateInfo info = restored.apply(StateRequest.info()).info();
        assertEquals(info(), info);
        StateReply hello = restored.apply(StateRequest.hello("n1", 0));
        assertEquals(version, hello.cancelVersion());
        assertEquals(List.of("c1"), hello.cancelled());
        assertEquals(Status.AGAIN, restored.apply(StateRequest.consumeCancel("c2")).status());
        assertEquals(Status.FIRST, restored.apply(StateRequest.consumeCancel("c1")).status());

        // a fresh lease: the old one would have run out by now
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Status.REFUSED, restored.apply(StateRequest.acquireExecKey("e", "job3", "n3")).status());
        // and the holder's node came along
        assertEquals(Status.DONE, restored.apply(StateRequest.releaseExecKey("e", "job1")).status());
        assertEquals(Map.of(), restored.apply(StateRequest.info()).info().executionKeys());

        assertEquals(new String(blob, StandardCharsets.UTF_8),
                new String(PartitionState.restore("p1", blob, SETTINGS, clock).store(), StandardCharsets.UTF_8));
    }

    @Test
    void restoredWaitersAreMovedByTheFirstTick() {
        apply(StateRequest.acquireExecKey("e", "job1", "n1"));
        apply(StateRequest.acquireExecKey("e", "job2", "n1"));
        apply(StateRequest.releaseExecKey("e", "job1"));
        PartitionState restored = PartitionState.restore("p1", state.store(), SETTINGS, clock);
        assertEquals(List.of("e"), restored.apply(StateRequest.tick()).moveWaiters(),
                "move times are not stored: the new owner moves at once");
    }

    @Test
    void restoreReadsTheDocumentedFormat() {
        String json = "{\"v\":1,\"paused\":[\"q\"],\"queueKeys\":{\"k\":\"j1\"},"
                + "\"execKeys\":{\"e\":{\"job\":\"j2\",\"node\":\"n\"}},\"waiting\":{\"e\":1700000000000},"
                + "\"cancelled\":{\"c\":{\"at\":1700000000000,\"seen\":false}},\"cancelVersion\":4}";
        PartitionState s = PartitionState.restore("p9", json.getBytes(StandardCharsets.UTF_8), SETTINGS, clock);
        assertEquals(new GlobalStateInfo("p9", "", Set.of("q"), Map.of("k", "j1"), Map.of("e", "j2"),
                Set.of("e"), 1), s.apply(StateRequest.info()).info());
        assertEquals(4, s.apply(StateRequest.hello("n", 0)).cancelVersion());
    }

    @Test
    void corruptBlobIsRejected() {
        for (String bad : List.of("", "not json", "[]", "{}", "{\"v\":2}", "{\"v\":\"1\"}",
                "{\"v\":1,\"paused\":\"q\"}", "{\"v\":1,\"queueKeys\":{\"k\":1}}",
                "{\"v\":1,\"execKeys\":{\"e\":{\"job\":\"j\"}}}", "{\"v\":1,\"waiting\":{\"e\":\"x\"}}",
                "{\"v\":1,\"cancelled\":{\"c\":{\"seen\":true}}}", "{\"v\":1,\"cancelVersion\":1.5}",
                "{\"v\":1,\"paused\":[")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PartitionState.restore("p1", bad.getBytes(StandardCharsets.UTF_8), SETTINGS, clock), bad);
            assertTrue(e.getMessage().contains("p1"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PartitionState.restore("p1", "{\"v\":2}".getBytes(StandardCharsets.UTF_8), SETTINGS, clock));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PartitionState.restore("p1", null, SETTINGS, clock));
    }
}
