package dev.roger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.GlobalStateInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    private static void roundTrip(StateRequest r) {
        assertEquals(r, StateCodec.decodeRequest(StateCodec.encode(r)));
    }

    private static StateReply roundTrip(StateReply r) {
        StateReply back = StateCodec.decodeReply(StateCodec.encode(r));
        assertEquals(r, back);
        return back;
    }

    @Test
    void everyRequestRoundTrips() {
        roundTrip(StateRequest.hello("node-1", 42));
        roundTrip(StateRequest.hello("node-1", 0));
        roundTrip(StateRequest.hello("node-1", -1));
        roundTrip(StateRequest.claimQueueKey("key with spaces & \"quotes\"", "job1"));
        roundTrip(StateRequest.releaseQueueKey("k", "job1"));
        roundTrip(StateRequest.acquireExecKey("tenant:42", "job1", "node-2"));
        roundTrip(StateRequest.releaseExecKey("tenant:42", "job1"));
        roundTrip(StateRequest.renew("node-1", List.of("a", "b", "c")));
        roundTrip(StateRequest.renew("node-1", List.of()));
        roundTrip(StateRequest.cancel("job1"));
        roundTrip(StateRequest.consumeCancel("job1"));
        roundTrip(StateRequest.pause("q1"));
        roundTrip(StateRequest.resume("q1"));
        roundTrip(StateRequest.info());
        roundTrip(StateRequest.tick());
        roundTrip(StateRequest.waitingEmpty("ключ"));
        roundTrip(new StateRequest(StateRequest.Op.CANCEL, "k", "j", "n", List.of("x"), Long.MAX_VALUE));
    }

    @Test
    void everyReplyRoundTrips() {
        for (StateReply.Status s : StateReply.Status.values()) {
            roundTrip(StateReply.of(s));
        }
        roundTrip(StateReply.refused("job1"));
        roundTrip(StateReply.moving(List.of("e1", "e2")));
        roundTrip(StateReply.moving(List.of()));
        roundTrip(StateReply.storingNow());
        roundTrip(StateReply.snapshot(Set.of("q1", "q2"), 7, List.of("c1", "c2")));
        roundTrip(StateReply.snapshot(Set.of(), 0, List.of()));
        assertNull(roundTrip(StateReply.snapshot(Set.of("q1"), 7, null)).cancelled());
        roundTrip(StateReply.of(StateReply.Status.GRANTED).withOwner("node-3"));
    }

    @Test
    void emptyAndNullCancelledStayDistinct() {
        assertEquals(List.of(), roundTrip(StateReply.snapshot(Set.of(), 3, List.of())).cancelled());
        assertNull(roundTrip(StateReply.snapshot(Set.of(), 3, null)).cancelled());
    }

    @Test
    void infoRoundTripsWithAllFields() {
        GlobalStateInfo info = new GlobalStateInfo("p1", "node-1", Set.of("q1", "q2"),
                Map.of("k1", "job1", "k2", "job2"), Map.of("e1", "job3"), Set.of("e1", "e2"), 17);
        StateReply back = roundTrip(StateReply.info(info).withOwner("node-1"));
        assertEquals(info, back.info());
        roundTrip(StateReply.info(new GlobalStateInfo("p1", "", Set.of(), Map.of(), Map.of(), Set.of(), 0)));
    }

    @Test
    void nullFieldsAreLeftOut() {
        String json = new String(StateCodec.encode(StateRequest.tick()), StandardCharsets.UTF_8);
        assertEquals("{\"op\":\"TICK\"}", json);
        json = new String(StateCodec.encode(StateReply.of(StateReply.Status.DONE)), StandardCharsets.UTF_8);
        assertEquals("{\"status\":\"DONE\"}", json);
        assertFalse(new String(StateCodec.encode(StateReply.refused("j")), StandardCharsets.UTF_8).contains("null"));
    }

    @Test
    void badRequestsAreRejected() {
        for (String bad : List.of("", "nope", "[]", "{}", "{\"op\":\"FLY\"}", "{\"op\":1}",
                "{\"op\":\"CANCEL\",\"jobId\":5}", "{\"op\":\"RENEW\",\"jobIds\":\"a\"}",
                "{\"op\":\"RENEW\",\"jobIds\":[1]}", "{\"op\":\"HELLO\",\"version\":\"3\"}",
                "{\"op\":\"HELLO\",\"version\":1.5}", "{\"op\":\"HELLO\"")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StateCodec.decodeRequest(bad.getBytes(StandardCharsets.UTF_8)), bad);
            assertTrue(e.getMessage().startsWith("State request"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> StateCodec.decodeRequest(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateCodec.decodeRequest("{\"op\":\"FLY\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("FLY"), e.getMessage());
    }

    @Test
    void badRepliesAreRejected() {
        for (String bad : List.of("", "{}", "{\"status\":\"MAYBE\"}", "{\"status\":\"DONE\",\"storeNow\":\"yes\"}",
                "{\"status\":\"DONE\",\"moveWaiters\":{}}", "{\"status\":\"INFO\",\"info\":[]}",
                "{\"status\":\"INFO\",\"info\":{\"owner\":\"n\"}}",
                "{\"status\":\"INFO\",\"info\":{\"partition\":\"p\",\"owner\":\"n\",\"queueKeys\":{\"k\":1}}}",
                "{\"status\":\"INFO\",\"info\":{\"partition\":\"p\",\"owner\":\"n\",\"cancelledJobs\":-1}}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StateCodec.decodeReply(bad.getBytes(StandardCharsets.UTF_8)), bad);
            assertTrue(e.getMessage().startsWith("State reply"), e.getMessage());
        }
    }
}
