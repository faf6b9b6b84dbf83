package dev.roger.api.admin;

import dev.roger.api.BuriedJob;
import dev.roger.api.Job;
import dev.roger.api.Names;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which buried jobs to list, retry or delete: where (the whole cluster, a partition, or one of its
 * queues) and filters that must all hold. Immutable; made with {@link #builder()}.
 *
 * <pre>{@code
 * BuriedQuery timeouts = BuriedQuery.builder().partition("acme").errorClass("SocketTimeoutException").build();
 * BuriedPage page = admin.buried(timeouts);                      // newest first, 100 at most
 * BuriedPage older = admin.buried(timeouts.toBuilder().before(page.next().orElseThrow()).build());
 * int retried = admin.retryBuried(timeouts);                     // every match, not only the page
 * }</pre>
 *
 * <p>{@link #limit()} and {@link #before()} page a listing; retry and delete ignore them and act on
 * every buried job that matches when the call starts.
 */
public final class BuriedQuery {

    /** The page size when none is given. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page. */
    public static final int MAX_LIMIT = 10_000;

    private final String partition;
    private final String queue;
    private final String jobId;
    private final String type;
    private final String errorClass;
    private final String reasonContains;
    private final int limit;
    private final String before;

    private BuriedQuery(Builder b) {
        if (b.queue != null && b.partition == null) {
            throw new IllegalArgumentException("a buried query naming queue " + b.queue + " must name its partition");
        }
        if (b.limit < 1 || b.limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + b.limit);
        }
        this.partition = b.partition == null ? null : Names.requirePartition(b.partition);
        this.queue = b.queue == null ? null : Names.requireQueue(b.queue);
        this.jobId = blankToNull(b.jobId);
        this.type = blankToNull(b.type);
        this.errorClass = blankToNull(b.errorClass);
        this.reasonContains = blankToNull(b.reasonContains);
        this.limit = b.limit;
        this.before = blankToNull(b.before);
    }

    /** Every buried job of the cluster, the newest {@value #DEFAULT_LIMIT} first. */
    public static BuriedQuery all() {
        return builder().build();
    }

    /** Every buried job of one queue of a partition. */
    public static BuriedQuery inQueue(String partition, String queue) {
        return builder().partition(partition).queue(queue).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this query's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.partition = partition;
        b.queue = queue;
        b.jobId = jobId;
        b.type = type;
        b.errorClass = errorClass;
        b.reasonContains = reasonContains;
        b.limit = limit;
        b.before = before;
        return b;
    }

    /** Only jobs buried from this partition; empty: every partition. */
    public Optional<String> partition() {
        return Optional.ofNullable(partition);
    }

    /** Only jobs buried from this queue of the partition; empty: all its queues. */
    public Optional<String> queue() {
        return Optional.ofNullable(queue);
    }

    /** Only the job with this id. */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }

    /** Only jobs of this type. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** Only jobs whose last error has this class: its full name or its simple name. */
    public Optional<String> errorClass() {
        return Optional.ofNullable(errorClass);
    }

    /** Only jobs whose reason contains this text, ignoring case. */
    public Optional<String> reasonContains() {
        return Optional.ofNullable(reasonContains);
    }

    /** The most jobs a listing returns. */
    public int limit() {
        return limit;
    }

    /** Lists only jobs buried before the one this cursor ({@link BuriedPage#next()}) stands for. */
    public Optional<String> before() {
        return Optional.ofNullable(before);
    }

    /** Whether a buried job passes every filter (place and fields; not the limit or the cursor). */
    public boolean matches(BuriedJob job) {
        return (partition == null || partition.equals(job.partition()))
                && (queue == null || queue.equals(job.queue()))
                && (jobId == null || jobId.equals(job.jobId()))
                && (type == null || job.job().map(Job::type).filter(type::equals).isPresent())
                && (errorClass == null || job.errorClass().filter(this::sameClass).isPresent())
                && (reasonContains == null
                        || job.reason().toLowerCase(Locale.ROOT).contains(reasonContains.toLowerCase(Locale.ROOT)));
    }

    private boolean sameClass(String name) {
        return name.equals(errorClass) || name.endsWith("." + errorClass) || name.endsWith("$" + errorClass);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuriedQuery q && limit == q.limit && Objects.equals(partition, q.partition)
                && Objects.equals(queue, q.queue) && Objects.equals(jobId, q.jobId) && Objects.equals(type, q.type)
                && Objects.equals(errorClass, q.errorClass) && Objects.equals(reasonContains, q.reasonContains)
                && Objects.equals(before, q.before);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partition, queue, jobId, type, errorClass, reasonContains, limit, before);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("BuriedQuery[");
        appendIf(s, "partition", partition);
        appendIf(s, "queue", queue);
        appendIf(s, "jobId", jobId);
        appendIf(s, "type", type);
        appendIf(s, "errorClass", errorClass);
        appendIf(s, "reasonContains", reasonContains);
        appendIf(s, "before", before);
        return s.append("limit=").append(limit).append(']').toString();
    }

    private static void appendIf(StringBuilder s, String name, String value) {
        if (value != null) {
            s.append(name).append('=').append(value).append(", ");
        }
    }

    /** Builds a {@link BuriedQuery}; unset filters match everything, blank ones count as unset. */
    public static final class Builder {
        private String partition;
        private String queue;
        private String jobId;
        private String type;
        private String errorClass;
        private String reasonContains;
        private int limit = DEFAULT_LIMIT;
        private String before;

        private Builder() {
        }

        public Builder partition(String partition) {
            this.partition = partition;
            return this;
        }

        /** A queue of the partition (then the partition must be set). */
        public Builder queue(String queue) {
            this.queue = queue;
            return this;
        }

        public Builder jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /** The last error's class, by its full name ({@code java.net.SocketTimeoutException}) or simple name. */
        public Builder errorClass(String errorClass) {
            this.errorClass = errorClass;
            return this;
        }

        /** Text the reason must contain, ignoring case. */
        public Builder reasonContains(String text) {
            this.reasonContains = text;
            return this;
        }

        /** The page size, 1 to {@value #MAX_LIMIT}; {@value #DEFAULT_LIMIT} by default. */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /** The cursor of the page to continue after ({@link BuriedPage#next()}); null: from the newest. */
        public Builder before(String cursor) {
            this.before = cursor;
            return this;
        }

        /**
         * @throws IllegalArgumentException for a queue without its partition, a name that is not
         *                                  a valid partition or queue name, or a limit out of range
         */
        public BuriedQuery build() {
            return new BuriedQuery(this);
        }
    }
}
