package dev.roger.api;

import dev.roger.state.CronSchedule;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A job enqueued in a partition on every tick of a cron expression: exactly once per tick for
 * the whole cluster, by the partition's state owner. Immutable; build one with
 * {@link #builder(String, String, String)} and register it with
 * {@link RogerAdmin#scheduleRecurring(String, RecurringJob)}, or declare it on the job bean with
 * {@link RogerJob#cron()}.
 *
 * <pre>{@code
 * admin.scheduleRecurring("acme", RecurringJob.builder("nightly-report", "0 0 2 * * *", "report")
 *         .zone(ZoneId.of("Europe/Amsterdam")).args(new Report("daily")).build());
 * }</pre>
 */
public final class RecurringJob {

    /** What becomes of ticks that came due while no node ran the partition (e.g. all nodes were down). */
    public enum Misfire {
        /** The latest missed tick fires once, as soon as a node owns the partition again; older ones are dropped. */
        FIRE_ONCE,
        /** Missed ticks are dropped: a tick fires only while it is at most 2 seconds late. */
        SKIP
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String name;
    private final String cron;
    private final ZoneId zone;
    private final Misfire misfire;
    private final String type;
    private final String queue;
    private final String argsJson;

    private RecurringJob(Builder b) {
        this.name = b.name;
        this.cron = CronSchedule.parse(b.cron).expression();
        this.zone = b.zone;
        this.misfire = b.misfire;
        this.type = b.type;
        this.queue = b.queue;
        this.argsJson = b.argsJson;
    }

    /**
     * @param name    unique in its partition: 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'
     *                (it is part of the ids of the jobs it enqueues)
     * @param cron    six fields, {@code second minute hour day-of-month month day-of-week}
     * @param jobType the type of the jobs it enqueues
     */
    public static Builder builder(String name, String cron, String jobType) {
        return new Builder(name, cron, jobType);
    }

    /** Checks a recurring job's name; returns it. */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid recurring job name '" + name
                    + "': must be 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        return name;
    }

    public String name() {
        return name;
    }

    public String cron() {
        return cron;
    }

    public ZoneId zone() {
        return zone;
    }

    public Misfire misfire() {
        return misfire;
    }

    /** The type of the jobs it enqueues. */
    public String type() {
        return type;
    }

    /** The queue its jobs go to; empty for their type's queue. */
    public Optional<String> queue() {
        return Optional.ofNullable(queue);
    }

    /** The arguments of every job it enqueues, as JSON; empty for none. */
    public Optional<String> argsJson() {
        return Optional.ofNullable(argsJson);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecurringJob r && name.equals(r.name) && cron.equals(r.cron) && zone.equals(r.zone)
                && misfire == r.misfire && type.equals(r.type) && Objects.equals(queue, r.queue)
                && Objects.equals(argsJson, r.argsJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, cron, zone, type);
    }

    /** Arguments may hold personal data and are never in this text. */
    @Override
    public String toString() {
        return "RecurringJob[name=" + name + ", cron=" + cron + ", zone=" + zone + ", type=" + type + "]";
    }

    /** Builds a {@link RecurringJob}; the cron expression is checked by {@link #build()}. */
    public static final class Builder {
        private final String name;
        private final String cron;
        private final String type;
        private ZoneId zone = ZoneId.of("UTC");
        private Misfire misfire = Misfire.FIRE_ONCE;
        private String queue;
        private String argsJson;

        private Builder(String name, String cron, String type) {
            this.name = requireName(name);
            this.cron = Objects.requireNonNull(cron, "cron");
            this.type = Names.requireJobType(type);
        }

        /** The time zone its ticks are computed in (default UTC). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** What becomes of ticks missed while no node ran the partition (default {@link Misfire#FIRE_ONCE}). */
        public Builder misfire(Misfire misfire) {
            this.misfire = Objects.requireNonNull(misfire, "misfire");
            return this;
        }

        /** The queue its jobs go to, instead of their type's queue. */
        public Builder queue(String queue) {
            this.queue = queue == null ? null : Names.requireQueue(queue);
            return this;
        }

        /** The arguments of every job it enqueues, written as JSON with JSON-B. */
        public Builder args(Object args) {
            this.argsJson = args == null ? null : JsonbCache.current().toJson(args);
            return this;
        }

        /** The arguments as JSON text, taken as they are. */
        public Builder argsJson(String json) {
            this.argsJson = json;
            return this;
        }

        /**
         * @throws IllegalArgumentException when the cron expression is invalid (the message names it)
         */
        public RecurringJob build() {
            return new RecurringJob(this);
        }
    }
}
