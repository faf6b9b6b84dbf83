package dev.roger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.RecurringJob;
import dev.roger.api.RecurringJobInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Recurring jobs in the partition state machine: which ticks fire, once, across owners. */
class RecurringJobsTest extends PartitionStateFixture {

    private static final RecurringJob EVERY_SECOND = RecurringJob.builder("tick", "* * * * * *", "t").build();

    private void at(String time) {
        clock.advance(Duration.between(clock.instant(), Instant.parse("2025-01-01T00:00:" + time + "Z")));
    }

    private RecurringCodec.Due due() {
        return RecurringCodec.decodeDue(state.apply(StateRequest.recurringDue()).data());
    }

    private List<String> firedTicks() {
        return due().fires().stream().map(f -> f.tick().toString()).toList();
    }

    @Test
    void eachTickFiresOnceWhenANodeAsksAfterItCameDue() {
        at("00.500");
        state.apply(StateRequest.putRecurring(EVERY_SECOND));
        at("00.900");
        assertEquals(List.of(), firedTicks(), "nothing before the first tick after the registration");
        at("01.100");
        RecurringCodec.Due due = due();
        assertEquals(List.of("2025-01-01T00:00:01Z"), due.fires().stream().map(f -> f.tick().toString()).toList());
        assertEquals("r-tick-1735689601", due.fires().get(0).jobId());
        assertEquals(Optional.of(Instant.parse("2025-01-01T00:00:02Z")), due.nextDue());
        at("01.600");
        assertEquals(List.of(), firedTicks(), "a second node asking in the same second gets nothing");
        at("02.050");
        assertEquals(List.of("2025-01-01T00:00:02Z"), firedTicks());
    }

    @Test
    void aFireIsStoredBeforeTheReplySoANewOwnerNeverFiresItAgain() {
        at("00.500");
        state.apply(StateRequest.putRecurring(EVERY_SECOND));
        at("01.100");
        StateReply reply = state.apply(StateRequest.recurringDue());
        assertTrue(reply.storeNow(), "the owner stores before anyone publishes");
        PartitionState next = PartitionState.restore("p1", state.store(), SETTINGS, clock);
        assertEquals(List.of(), RecurringCodec.decodeDue(next.apply(StateRequest.recurringDue()).data()).fires(),
                "the next owner does not fire 00:01 again");
    }

    @Test
    void ticksMissedWhileNoNodeAskedFireOnceAsTheLatestOrNotAtAll() {
        at("00.500");
        state.apply(StateRequest.putRecurring(EVERY_SECOND));
        at("10.300");
        List<RecurringCodec.Fire> fires = due().fires();
        assertEquals(1, fires.size(), "ten missed ticks fire once: " + fires);
        assertEquals(Instant.parse("2025-01-01T00:00:10Z"), fires.get(0).tick(), "as the latest");

        state.apply(StateRequest.putRecurring(RecurringJob.builder("skip", "0 * * * * *", "t")
                .misfire(RecurringJob.Misfire.SKIP).build()));
        state.apply(StateRequest.putRecurring(RecurringJob.builder("once", "0 * * * * *", "t").build()));
        clock.advance(Duration.ofSeconds(55));
        assertEquals(List.of("tick", "once"), due().fires().stream().map(f -> f.job().name()).toList(),
                "at 01:05, 01:00 is 5 s late: SKIP drops it, FIRE_ONCE fires it");
        clock.advance(Duration.ofSeconds(56));
        assertEquals(List.of("tick", "skip", "once"), due().fires().stream().map(f -> f.job().name()).toList(),
                "at 02:01 all three are on time");
    }

    @Test
    void aPausedJobSkipsItsTicksAndResumesFromTheNextOne() {
        at("00.500");
        state.apply(StateRequest.putRecurring(EVERY_SECOND));
        state.apply(StateRequest.recurring(StateRequest.Op.RECURRING_PAUSE, "tick"));
        at("05.100");
        assertEquals(List.of(), firedTicks());
        assertEquals(Optional.empty(), due().nextDue(), "nothing is due while it is paused");
        state.apply(StateRequest.recurring(StateRequest.Op.RECURRING_RESUME, "tick"));
        at("05.900");
        assertEquals(List.of(), firedTicks(), "what it missed while paused does not fire");
        at("06.010");
        assertEquals(List.of("2025-01-01T00:00:06Z"), firedTicks());
    }

    @Test
    void aTriggerFiresAtOnceWithAnIdOfItsOwn() {
        at("00.500");
        state.apply(StateRequest.putRecurring(EVERY_SECOND));
        RecurringCodec.Due due = RecurringCodec.decodeDue(
                state.apply(StateRequest.recurring(StateRequest.Op.RECURRING_TRIGGER, "tick")).data());
        assertEquals(1, due.fires().size());
        assertTrue(due.fires().get(0).triggered());
        assertEquals("r-tick-t" + Instant.parse("2025-01-01T00:00:00.500Z").toEpochMilli(), due.fires().get(0).jobId());
        assertEquals(StateReply.Status.NONE,
                state.apply(StateRequest.recurring(StateRequest.Op.RECURRING_TRIGGER, "nope")).status());
    }

    @Test
    void theListingGivesEachJobsLastAndNextTickAndSurvivesAStore() {
        at("00.500");
        RecurringJob nightly = RecurringJob.builder("nightly", "0 0 2 * * *", "report")
                .zone(ZoneId.of("Europe/Amsterdam")).args(java.util.Map.of("kind", "daily")).queue("reports").build();
        state.apply(StateRequest.putRecurring(nightly));
        state.apply(StateRequest.recurring(StateRequest.Op.RECURRING_PAUSE, "nightly"));
        state.apply(StateRequest.recurring(StateRequest.Op.RECURRING_RESUME, "nightly"));
        PartitionState next = PartitionState.restore("p1", state.store(), SETTINGS, clock);
        List<RecurringJobInfo> list = RecurringCodec.decodeList(next.apply(StateRequest.listRecurring()).data());
        assertEquals(1, list.size());
        assertEquals(nightly, list.get(0).job());
        assertFalse(list.get(0).paused());
        assertEquals(Optional.of(Instant.parse("2025-01-01T01:00:00Z")), list.get(0).nextTick(),
                "02:00 in Amsterdam (UTC+1 in winter)");
        assertEquals(StateReply.Status.NONE,
                next.apply(StateRequest.recurring(StateRequest.Op.RECURRING_REMOVE, "other")).status());
        next.apply(StateRequest.recurring(StateRequest.Op.RECURRING_REMOVE, "nightly"));
        assertEquals(List.of(), RecurringCodec.decodeList(next.apply(StateRequest.listRecurring()).data()));
    }

    @Test
    void invalidExpressionsAndZonesAreRefusedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecurringJob.builder("x", "every minute", "t").build());
        assertTrue(e.getMessage().contains("\"every minute\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecurringJob.builder("x", "0 0 * * *", "t").build(),
                "five fields are not enough");
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class, () -> CronSchedule.zone("Mars/Base"));
        assertTrue(z.getMessage().contains("Mars/Base"), z.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecurringJob.builder("a b", "* * * * * *", "t"));
    }
}
