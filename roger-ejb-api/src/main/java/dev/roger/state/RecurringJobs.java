package dev.roger.state;

import dev.roger.api.RecurringJob;
import dev.roger.api.RecurringJobInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A partition's recurring jobs as its state owner keeps them: each definition with its last tick
 * and pause. Decides which ticks fire: a tick fires once, when a node asks after it came due, and
 * is recorded as the last tick before anyone publishes it, so no later owner fires it again. Of
 * the ticks that came due while no node asked (no owner), {@link RecurringJob.Misfire#FIRE_ONCE}
 * fires the latest and {@link RecurringJob.Misfire#SKIP} fires none that is over
 * {@link #SKIP_AFTER} late. Not thread-safe: {@link PartitionState} guards it.
 */
final class RecurringJobs {

    /** How late a tick may be and still fire under {@link RecurringJob.Misfire#SKIP}. */
    static final Duration SKIP_AFTER = Duration.ofSeconds(2);

    /** One recurring job's state. */
    record Entry(RecurringJob job, boolean paused, Instant lastTick) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, CronSchedule> schedules = new LinkedHashMap<>();

    void restore(List<Entry> stored) {
        stored.forEach(e -> {
            entries.put(e.job().name(), e);
            schedules.put(e.job().name(), CronSchedule.parse(e.job().cron()));
        });
    }

    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Adds or replaces a definition. A new one counts its ticks from now (nothing fires for the
     * past); a replaced one keeps its last tick and pause.
     *
     * @return whether anything changed
     */
    boolean put(RecurringJob job, Instant now) {
        Entry old = entries.get(job.name());
        if (old != null && old.job().equals(job)) {
            return false;
        }
        schedules.put(job.name(), CronSchedule.parse(job.cron()));
        entries.put(job.name(), old == null ? new Entry(job, false, now) : new Entry(job, old.paused(), old.lastTick()));
        return true;
    }

    boolean remove(String name) {
        schedules.remove(name);
        return entries.remove(name) != null;
    }

    /**
     * Pauses or resumes; a resumed job counts its ticks from now, so what it missed while paused
     * does not fire.
     *
     * @return whether it exists
     */
    boolean pause(String name, boolean paused, Instant now) {
        Entry e = entries.get(name);
        if (e == null) {
            return false;
        }
        if (e.paused() != paused) {
            entries.put(name, new Entry(e.job(), paused, paused ? e.lastTick() : now));
        }
        return true;
    }

    /** The fire an operator asked for; empty when there is no such job. */
    Optional<RecurringCodec.Fire> trigger(String name, Instant now) {
        Entry e = entries.get(name);
        return e == null ? Optional.empty() : Optional.of(new RecurringCodec.Fire(e.job(), now, true));
    }

    /** The ticks due now, each recorded as the job's last tick. */
    List<RecurringCodec.Fire> due(Instant now) {
        List<RecurringCodec.Fire> fires = new ArrayList<>();
        for (Entry e : List.copyOf(entries.values())) {
            if (e.paused()) {
                continue;
            }
            RecurringJob job = e.job();
            Optional<Instant> latest = schedules.get(job.name()).latest(now, job.zone());
            if (latest.isEmpty() || !latest.get().isAfter(e.lastTick())) {
                continue;
            }
            entries.put(job.name(), new Entry(job, false, latest.get()));
            boolean tooLate = job.misfire() == RecurringJob.Misfire.SKIP
                    && latest.get().plus(SKIP_AFTER).isBefore(now);
            if (!tooLate) {
                fires.add(new RecurringCodec.Fire(job, latest.get(), false));
            }
        }
        return fires;
    }

    /** The earliest next tick of the jobs not paused; empty when none has one. */
    Optional<Instant> nextDue(Instant now) {
        Instant next = null;
        for (Entry e : entries.values()) {
            if (e.paused()) {
                continue;
            }
            Optional<Instant> n = schedules.get(e.job().name()).next(now, e.job().zone());
            if (n.isPresent() && (next == null || n.get().isBefore(next))) {
                next = n.get();
            }
        }
        return Optional.ofNullable(next);
    }

    List<RecurringJobInfo> list(Instant now) {
        List<RecurringJobInfo> list = new ArrayList<>();
        for (Entry e : entries.values()) {
            Optional<Instant> next = e.paused() ? Optional.empty()
                    : schedules.get(e.job().name()).next(now, e.job().zone());
            list.add(new RecurringJobInfo(e.job(), e.paused(), Optional.of(e.lastTick()), next));
        }
        return list;
    }
}
