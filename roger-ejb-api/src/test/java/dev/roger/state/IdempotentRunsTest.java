package dev.roger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.state.StateReply.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** At most one copy of an idempotent job runs: the owner's decisions, through {@link PartitionState}. */
class IdempotentRunsTest extends PartitionStateFixture {

    private Status begin(String id, String node, int attempt) {
        return state.apply(StateRequest.beginRun(id, node, attempt)).status();
    }

    private void end(String id, String node, int attempt, String outcome) {
        assertEquals(Status.DONE, state.apply(StateRequest.endRun(id, node, attempt, outcome)).status());
    }

    @Test
    void theFirstCopyRunsAnotherWaitsWhileItRunsAndIsDroppedOnceItIsDone() {
        assertEquals(Status.GRANTED, begin("j", "n1", 0));
        StateReply busy = state.apply(StateRequest.beginRun("j", "n2", 0));
        assertEquals(Status.REFUSED, busy.status());
        assertEquals("n1", busy.holder());
        assertEquals(Status.REFUSED, begin("j", "n1", 0), "a second copy on the same node waits too");

        end("j", "n1", 0, "done");
        assertEquals(Status.DUPLICATE, begin("j", "n2", 0));
        assertEquals(Status.DUPLICATE, begin("j", "n1", 3), "whatever attempt the copy claims");
        assertEquals(Status.GRANTED, begin("other", "n2", 0), "other ids are not affected");
    }

    @Test
    void aCopyWhoseNodeStoppedRenewingIsTakenOver() {
        begin("j", "n1", 0);
        clock.advance(LEASE.minusSeconds(5));
        state.apply(StateRequest.renew("n1", List.of("j")));
        clock.advance(LEASE.minusSeconds(5));
        assertEquals(Status.REFUSED, begin("j", "n2", 0), "renewed: n1 still runs it");
        state.apply(StateRequest.renew("n2", List.of("j")));
        clock.advance(Duration.ofSeconds(6));
        assertEquals(Status.GRANTED, begin("j", "n2", 0), "another node's renewal does not count; n1 died");
        end("j", "n1", 0, "abandon");
        assertEquals(Status.REFUSED, begin("j", "n3", 0), "a late word from the dead node changes nothing");
    }

    @Test
    void afterAFailedAttemptOnlyTheScheduledRetryRuns() {
        begin("j", "n1", 0);
        end("j", "n1", 0, "retry");
        assertEquals(Status.DUPLICATE, begin("j", "n2", 0), "a copy of the failed attempt");
        assertEquals(Status.GRANTED, begin("j", "n2", 1), "Roger's retry copy");
        end("j", "n2", 1, "done");
        assertEquals(Status.DUPLICATE, begin("j", "n2", 1));
    }

    @Test
    void anAbandonedCopyGivesTheIdBack() {
        begin("j", "n1", 0);
        end("j", "n2", 0, "abandon");
        assertEquals(Status.REFUSED, begin("j", "n2", 0), "only the node that holds it abandons it");
        end("j", "n1", 0, "abandon");
        assertEquals(Status.GRANTED, begin("j", "n2", 0));

        begin("r", "n1", 0);
        end("r", "n1", 0, "retry");
        begin("r", "n1", 1);
        end("r", "n1", 1, "abandon");
        assertEquals(Status.DUPLICATE, begin("r", "n1", 0), "an abandoned retry is still the retry");
        assertEquals(Status.GRANTED, begin("r", "n1", 1));
    }

    @Test
    void aForgottenIdRunsAgain() {
        begin("j", "n1", 0);
        end("j", "n1", 0, "done");
        state.apply(StateRequest.forgetRun("j"));
        assertEquals(Status.GRANTED, begin("j", "n1", 0), "a buried job put back runs");
    }

    @Test
    void finishedIdsAreKeptForTheRetentionAndCapped() {
        begin("old", "n1", 0);
        end("old", "n1", 0, "done");
        clock.advance(RETENTION.minusSeconds(1));
        state.apply(StateRequest.tick());
        assertEquals(Status.DUPLICATE, begin("old", "n1", 0));
        clock.advance(Duration.ofSeconds(2));
        state.apply(StateRequest.tick());
        assertEquals(Status.GRANTED, begin("old", "n1", 0), "forgotten after the retention");

        for (int i = 0; i <= IdempotentRuns.MAX_DONE; i++) {
            state.apply(StateRequest.endRun("job" + i, "n1", 0, "done"));
            clock.advance(Duration.ofMillis(1));
        }
        state.apply(StateRequest.tick());
        assertEquals(Status.GRANTED, begin("job0", "n1", 0), "the oldest is dropped");
        assertEquals(Status.DUPLICATE, begin("job1", "n1", 0));
        assertEquals(Status.DUPLICATE, begin("job" + IdempotentRuns.MAX_DONE, "n1", 0));
    }

    @Test
    void everyChangeIsStoredAndRestoredWithAFreshLease() {
        begin("running", "n1", 2);
        begin("retrying", "n1", 0);
        end("retrying", "n1", 0, "retry");
        begin("done", "n1", 0);
        end("done", "n1", 0, "done");
        assertTrue(state.dirty());
        byte[] blob = state.store();
        assertEquals(Status.REFUSED, begin("running", "n2", 2));
        assertFalse(state.dirty(), "a refusal changes nothing");

        clock.advance(LEASE.minusSeconds(1));
        PartitionState restored = PartitionState.restore("p1", blob, SETTINGS, clock);
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Status.REFUSED, restored.apply(StateRequest.beginRun("running", "n2", 2)).status(),
                "the lease starts again with the new owner");
        assertEquals(Status.DUPLICATE, restored.apply(StateRequest.beginRun("retrying", "n2", 0)).status());
        assertEquals(Status.GRANTED, restored.apply(StateRequest.beginRun("retrying", "n2", 1)).status());
        assertEquals(Status.DUPLICATE, restored.apply(StateRequest.beginRun("done", "n2", 0)).status());
        assertEquals(new String(blob, StandardCharsets.UTF_8),
                new String(PartitionState.restore("p1", blob, SETTINGS, clock).store(), StandardCharsets.UTF_8));
    }

    @Test
    void aStateWithoutIdempotentJobsStoresNoRuns() {
        state.apply(StateRequest.claimQueueKey("k", "j"));
        assertFalse(new String(state.store(), StandardCharsets.UTF_8).contains("runs"));
    }

    @Test
    void anUnknownOutcomeIsRejectedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> state.apply(StateRequest.endRun("j", "n1", 0, "finished")));
        assertTrue(e.getMessage().contains("'finished'"), e.getMessage());
    }

    @Test
    void theRequestsAndTheDuplicateAnswerTravel() {
        StateRequest begin = StateRequest.beginRun("j", "n1", 3);
        assertEquals(begin, StateCodec.decodeRequest(StateCodec.encode(begin)));
        StateRequest end = StateRequest.endRun("j", "n1", 3, "retry");
        assertEquals(end, StateCodec.decodeRequest(StateCodec.encode(end)));
        StateReply duplicate = StateReply.of(Status.DUPLICATE);
        assertEquals(duplicate, StateCodec.decodeReply(StateCodec.encode(duplicate)));
    }
}
