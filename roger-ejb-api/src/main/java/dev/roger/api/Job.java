package dev.roger.api;

import java.lang.reflect.Type;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One unit of work: a job type, its JSON arguments and its metadata. Immutable; build one with
 * {@link #builder(String)} or {@link #builder(Class)} and enqueue it with
 * {@link RogerClient#enqueue(String, Job)}.
 *
 * <pre>{@code
 * Job job = Job.builder("send-welcome-mail").args(new Welcome("ann@example.com")).build();
 * roger.enqueue("myapp", job);
 * }</pre>
 *
 * <p>Arguments are anything JSON-B can write and read: records, POJOs, maps, lists, strings,
 * numbers. They travel as JSON and are decoded in the listener with {@link #args(Class)}.
 */
public final class Job {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32_HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

    /**
     * The longest delay a job can be scheduled with: (2^30 - 1) x 100 ms, about 3.4 years (the
     * broker's delay cascade has 30 levels of 100 ms x 2^n).
     */
    public static final Duration MAX_DELAY = Duration.ofMillis(100L * ((1L << 30) - 1));

    private final String id;
    private final String type;
    private final String argsJson;
    private final String partition;
    private final String queue;
    private final String queueKey;
    private final String executionKey;
    private final boolean retryable;
    private final boolean idempotent;
    private final Duration maxExecutionTime;
    private final int retryCount;
    private final Instant queuedAt;
    private final Instant startedAt;
    private final Instant runAt;

    private Job(Builder b) {
        this.id = b.id != null ? Names.requireJobId(b.id) : newId();
        this.type = Names.requireJobType(b.type);
        this.argsJson = b.argsJson;
        this.partition = b.partition == null ? null : Names.requirePartition(b.partition);
        this.queue = b.queue == null ? null : Names.requireQueue(b.queue);
        this.queueKey = b.queueKey == null ? null : Names.requireQueueKey(b.queueKey);
        this.executionKey = b.executionKey == null ? null : Names.requireExecutionKey(b.executionKey);
        this.retryable = b.retryable;
        this.idempotent = b.idempotent;
        this.maxExecutionTime = b.maxExecutionTime;
        this.retryCount = b.retryCount;
        this.queuedAt = b.queuedAt;
        this.startedAt = b.startedAt;
        this.runAt = b.runAt;
    }

    /** A builder for a job of the given type (the name an MDB is bound to). */
    public static Builder builder(String type) {
        return new Builder(Names.requireJobType(type));
    }

    /**
     * A builder for a job handled by the given listener class: the type and default queue come
     * from its {@link RogerJob} annotation, else the type is the class's simple name.
     */
    public static Builder builder(Class<?> listenerClass) {
        RogerJob annotation = listenerClass.getAnnotation(RogerJob.class);
        String type = annotation != null && !annotation.type().isEmpty()
                ? annotation.type() : listenerClass.getSimpleName();
        Builder builder = builder(type);
        if (annotation != null && !annotation.queue().isEmpty()) {
            builder.queue(annotation.queue());
        }
        return builder;
    }

    /** A new random job id: 20 random bytes as 32 lowercase base32-hex characters (URL-safe). */
    public static String newId() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        StringBuilder out = new StringBuilder(32);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32_HEX[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return out.toString();
    }

    /** The job id, unique per enqueue unless the producer chose it. */
    public String id() {
        return id;
    }

    /** The job type, which selects the message-driven bean that runs it. */
    public String type() {
        return type;
    }

    /** The arguments as JSON text ({@code null} when none were given). */
    public String argsJson() {
        return argsJson;
    }

    /**
     * Decodes the arguments with JSON-B.
     *
     * @throws jakarta.json.bind.JsonbException when the JSON does not fit the type
     */
    public <T> T args(Class<T> argsType) {
        return JsonbCache.current().fromJson(argsJson, argsType);
    }

    /** Decodes the arguments with JSON-B into a generic type, e.g. {@code List<Order>}. */
    public <T> T args(Type argsType) {
        return JsonbCache.current().fromJson(argsJson, argsType);
    }

    /** The partition (tenant) the job was enqueued to, once it has been. */
    public Optional<String> partition() {
        return Optional.ofNullable(partition);
    }

    /** The queue the job was (or will be) put on, if the job names one. */
    public Optional<String> queue() {
        return Optional.ofNullable(queue);
    }

    /** The uniqueness key while queued or running, if any. */
    public Optional<String> queueKey() {
        return Optional.ofNullable(queueKey);
    }

    /** The serialization key while running, if any. */
    public Optional<String> executionKey() {
        return Optional.ofNullable(executionKey);
    }

    /** Whether a failure is retried with backoff. */
    public boolean retryable() {
        return retryable;
    }

    /**
     * Whether at most one copy with this job's id runs in its partition, however often it was
     * enqueued (within the partition's id retention): see {@link Builder#idempotent(boolean)}.
     */
    public boolean idempotent() {
        return idempotent;
    }

    /** The time the job may run before it is interrupted, if limited. */
    public Optional<Duration> maxExecutionTime() {
        return Optional.ofNullable(maxExecutionTime);
    }

    /** How many attempts failed before this one. */
    public int retryCount() {
        return retryCount;
    }

    /** When the job was enqueued, once it has been. */
    public Optional<Instant> queuedAt() {
        return Optional.ofNullable(queuedAt);
    }

    /** When this attempt started, once it has. */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    /**
     * When the job is due, for a job scheduled with {@link Builder#runAt} or {@link Builder#delay};
     * empty for a job that runs as soon as a worker is free.
     */
    public Optional<Instant> runAt() {
        return Optional.ofNullable(runAt);
    }

    /** A builder holding all of this job's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(type);
        b.id = id;
        b.argsJson = argsJson;
        b.partition = partition;
        b.queue = queue;
        b.queueKey = queueKey;
        b.executionKey = executionKey;
        b.retryable = retryable;
        b.idempotent = idempotent;
        b.maxExecutionTime = maxExecutionTime;
        b.retryCount = retryCount;
        b.queuedAt = queuedAt;
        b.startedAt = startedAt;
        b.runAt = runAt;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Job other && id.equals(other.id) && type.equals(other.type)
                && Objects.equals(argsJson, other.argsJson) && Objects.equals(partition, other.partition)
                && Objects.equals(queue, other.queue)
                && Objects.equals(queueKey, other.queueKey)
                && Objects.equals(executionKey, other.executionKey)
                && retryable == other.retryable && idempotent == other.idempotent
                && Objects.equals(maxExecutionTime, other.maxExecutionTime)
                && retryCount == other.retryCount && Objects.equals(queuedAt, other.queuedAt)
                && Objects.equals(startedAt, other.startedAt) && Objects.equals(runAt, other.runAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, retryCount);
    }

    /** Id, type and queue only: arguments may hold personal data and are never in this text. */
    @Override
    public String toString() {
        return "Job[id=" + id + ", type=" + type + (partition != null ? ", partition=" + partition : "")
                + (queue != null ? ", queue=" + queue : "") + "]";
    }

    /** Builds a {@link Job}; every setter checks its value at once. */
    public static final class Builder {
        private String id;
        private final String type;
        private String argsJson;
        private String partition;
        private String queue;
        private String queueKey;
        private String executionKey;
        private boolean retryable;
        private boolean idempotent;
        private Duration maxExecutionTime;
        private int retryCount;
        private Instant queuedAt;
        private Instant startedAt;
        private Instant runAt;

        private Builder(String type) {
            this.type = type;
        }

        /** Uses this id instead of a random one (URL-safe characters, at most 128). */
        public Builder id(String id) {
            this.id = Names.requireJobId(id);
            return this;
        }

        /** The arguments, written as JSON with JSON-B. */
        public Builder args(Object args) {
            this.argsJson = args == null ? null : JsonbCache.current().toJson(args);
            return this;
        }

        /** The arguments as JSON text, taken as they are. */
        public Builder argsJson(String json) {
            this.argsJson = json;
            return this;
        }

        /** The partition; set by Roger at enqueue (the partition given to {@code enqueue} wins). */
        public Builder partition(String partition) {
            this.partition = Names.requirePartition(partition);
            return this;
        }

        /** The queue of the partition to put the job on, instead of its type's queue. */
        public Builder queue(String queue) {
            this.queue = Names.requireQueue(queue);
            return this;
        }

        /**
         * At most one job with this key may be queued, waiting or running in a partition; a
         * second enqueue throws {@link DuplicateJobException}. 1 to 255 non-blank characters;
         * {@code null} for none.
         */
        public Builder queueKey(String key) {
            this.queueKey = key == null ? null : Names.requireQueueKey(key);
            return this;
        }

        /**
         * Jobs with this key never run at the same time in a partition, on any node. 1 to 120
         * characters of {@code A-Z a-z 0-9 _ . : @ -} (it names the waiting queue); {@code null}
         * for none.
         */
        public Builder executionKey(String key) {
            this.executionKey = key == null ? null : Names.requireExecutionKey(key);
            return this;
        }

        /** Whether a failure is retried with backoff (default false). */
        public Builder retryable(boolean retryable) {
            this.retryable = retryable;
            return this;
        }

        /**
         * Makes enqueueing this job again with the same id safe (default false): the partition's
         * state owner remembers the id once a copy starts, and any other copy with this id is
         * dropped when a node dequeues it (or waits while the first copy runs). So a producer may
         * retry an enqueue that failed with {@link EnqueueUncertainException} without the job
         * running twice. Give the job an id of your own ({@link #id(String)}) to make retries
         * from another process or after a restart safe too.
         *
         * <p>Costs two round trips to the partition's owner per run (before and after) and an
         * entry in the partition's stored state per finished job, kept for the cancel retention
         * ({@code cancelRetentionHours}, at most 100,000 ids per partition). When the owner is
         * unreachable the job waits in its queue; it is never dropped as a duplicate on a guess.
         */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** Interrupts the job when it runs longer than this (at least one millisecond). */
        public Builder maxExecutionTime(Duration limit) {
            if (limit != null && (limit.isNegative() || limit.isZero())) {
                throw new IllegalArgumentException("maxExecutionTime must be positive, was " + limit);
            }
            this.maxExecutionTime = limit;
            return this;
        }

        /** The number of failed attempts so far; set by Roger, rarely by users. */
        public Builder retryCount(int retryCount) {
            if (retryCount < 0) {
                throw new IllegalArgumentException("retryCount must not be negative, was " + retryCount);
            }
            this.retryCount = retryCount;
            return this;
        }

        /** When the job was enqueued; set by Roger. */
        public Builder queuedAt(Instant at) {
            this.queuedAt = at;
            return this;
        }

        /** When this attempt started; set by Roger. */
        public Builder startedAt(Instant at) {
            this.startedAt = at;
            return this;
        }

        /**
         * Schedules the job: it stays on the broker and reaches its queue at {@code at} (rounded
         * up to the next 100 ms), not before; a time in the past, or {@code null}, means at once.
         * Delays up to about 3.4 years are supported (see {@code docs/scheduling.md}).
         *
         * @throws IllegalArgumentException when {@code at} is further ahead than the longest delay
         */
        public Builder runAt(Instant at) {
            if (at != null && Duration.between(Instant.now(), at).compareTo(MAX_DELAY) > 0) {
                throw new IllegalArgumentException("runAt " + at + " is more than the longest delay ("
                        + MAX_DELAY.toDays() + " days) ahead");
            }
            this.runAt = at;
            return this;
        }

        /**
         * Schedules the job {@code delay} from now (the moment this method is called):
         * {@code runAt(Instant.now().plus(delay))}.
         *
         * @throws IllegalArgumentException when the delay is negative or longer than the longest delay
         */
        public Builder delay(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, was " + delay);
            }
            return runAt(Instant.now().plus(delay));
        }

        /** The job; a random id is chosen unless one was given. */
        public Job build() {
            return new Job(this);
        }
    }
}
