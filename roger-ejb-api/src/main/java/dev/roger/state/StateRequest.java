package dev.roger.state;

import java.util.List;
import java.util.Objects;

/**
 * One request to the owner of a partition's global state. Travels as JSON ({@link StateCodec})
 * from any node or Java SE client to the owner, which applies it to its {@link PartitionState}.
 *
 * @param op     what to do
 * @param key    the queue or execution key, or the queue name for {@link Op#PAUSE}/{@link Op#RESUME}
 * @param jobId  the job concerned
 * @param node   the asking node
 * @param jobIds the running jobs of {@link Op#RENEW}
 * @param version the cancel version the asker has seen, for {@link Op#HELLO}
 * @param data    a recurring job's definition as JSON, for {@link Op#RECURRING_PUT}
 */
public record StateRequest(Op op, String key, String jobId, String node, List<String> jobIds, long version,
                           String data) {

    /** The operations; see {@link PartitionState#apply} for each one's exact meaning. */
    public enum Op {
        /** Snapshot for a node's replica: paused queues, and the cancelled ids when {@code version} is stale. */
        HELLO,
        /** Test-and-set of a queue key for a job; granted again to the job that holds it. */
        CLAIM_QUEUE_KEY,
        /** Frees a queue key if {@code jobId} holds it. */
        RELEASE_QUEUE_KEY,
        /** Test-and-set of an execution key for a running job; refused means: put the job in the waiting queue. */
        ACQUIRE_EXEC_KEY,
        /** Frees an execution key if {@code jobId} holds it; the reply may ask to move a waiter. */
        RELEASE_EXEC_KEY,
        /** Extends the leases of the execution keys held by these running jobs of {@code node}. */
        RENEW,
        /** Marks a job id cancelled; {@code version} is the job's due time (epoch ms) or 0. */
        CANCEL,
        /** A node dequeued or interrupted a job it knows as cancelled: FIRST, AGAIN or NONE. */
        CONSUME_CANCEL,
        /** Pauses a queue (name in {@code key}). */
        PAUSE,
        /** Resumes a queue (name in {@code key}). */
        RESUME,
        /** The whole state, for operators and tests. */
        INFO,
        /** Periodic housekeeping on the owner: expired leases, free keys with waiters, old cancel ids. */
        TICK,
        /** The owner found {@code <partition>-execution-waiting-<key>} empty. */
        WAITING_EMPTY,
        /**
         * A node asks to run a copy of an idempotent job (attempt = retry count in {@code version}):
         * GRANTED, REFUSED (another copy runs, on {@code holder}) or DUPLICATE (drop it).
         */
        BEGIN_RUN,
        /** How the run of an idempotent job ended: {@code key} is done, retry or abandon; attempt in {@code version}. */
        END_RUN,
        /** Forgets an idempotent job's id: its buried job is put back to run again. */
        FORGET_RUN,
        /** Adds or replaces a recurring job ({@code data}); a replaced one keeps its last tick and pause. */
        RECURRING_PUT,
        /** Removes the recurring job named {@code key}. */
        RECURRING_REMOVE,
        /** Pauses the recurring job named {@code key}. */
        RECURRING_PAUSE,
        /** Resumes the recurring job named {@code key}; ticks missed while paused are not fired. */
        RECURRING_RESUME,
        /** Fires the recurring job named {@code key} now, once. */
        RECURRING_TRIGGER,
        /** A node asks what recurring ticks are due: the owner records them as fired and says which to enqueue. */
        RECURRING_DUE,
        /** Lists the recurring jobs with their last and next ticks. */
        RECURRING_LIST
    }

    public StateRequest {
        Objects.requireNonNull(op, "op");
        jobIds = jobIds == null ? List.of() : List.copyOf(jobIds);
    }

    public StateRequest(Op op, String key, String jobId, String node, List<String> jobIds, long version) {
        this(op, key, jobId, node, jobIds, version, null);
    }

    /** A request about the recurring job {@code name} ({@code RECURRING_REMOVE}, {@code _PAUSE}, {@code _RESUME}, {@code _TRIGGER}). */
    public static StateRequest recurring(Op op, String name) {
        return new StateRequest(op, name, null, null, null, 0);
    }

    public static StateRequest putRecurring(dev.roger.api.RecurringJob job) {
        return new StateRequest(Op.RECURRING_PUT, job.name(), null, null, null, 0, RecurringCodec.encode(job));
    }

    public static StateRequest recurringDue() {
        return new StateRequest(Op.RECURRING_DUE, null, null, null, null, 0);
    }

    public static StateRequest listRecurring() {
        return new StateRequest(Op.RECURRING_LIST, null, null, null, null, 0);
    }

    public static StateRequest hello(String node, long version) {
        return new StateRequest(Op.HELLO, null, null, node, null, version);
    }

    public static StateRequest claimQueueKey(String key, String jobId) {
        return new StateRequest(Op.CLAIM_QUEUE_KEY, key, jobId, null, null, 0);
    }

    public static StateRequest releaseQueueKey(String key, String jobId) {
        return new StateRequest(Op.RELEASE_QUEUE_KEY, key, jobId, null, null, 0);
    }

    public static StateRequest acquireExecKey(String key, String jobId, String node) {
        return new StateRequest(Op.ACQUIRE_EXEC_KEY, key, jobId, node, null, 0);
    }

    public static StateRequest releaseExecKey(String key, String jobId) {
        return new StateRequest(Op.RELEASE_EXEC_KEY, key, jobId, null, null, 0);
    }

    public static StateRequest renew(String node, List<String> jobIds) {
        return new StateRequest(Op.RENEW, null, null, node, jobIds, 0);
    }

    public static StateRequest cancel(String jobId) {
        return cancel(jobId, 0);
    }

    /**
     * A cancel kept at least until the job's due time ({@code dueMillis}, epoch ms; 0 for none),
     * so a job scheduled further ahead than the cancel retention still finds its cancel.
     */
    public static StateRequest cancel(String jobId, long dueMillis) {
        return new StateRequest(Op.CANCEL, null, jobId, null, null, dueMillis);
    }

    public static StateRequest consumeCancel(String jobId) {
        return new StateRequest(Op.CONSUME_CANCEL, null, jobId, null, null, 0);
    }

    public static StateRequest pause(String queue) {
        return new StateRequest(Op.PAUSE, queue, null, null, null, 0);
    }

    public static StateRequest resume(String queue) {
        return new StateRequest(Op.RESUME, queue, null, null, null, 0);
    }

    public static StateRequest info() {
        return new StateRequest(Op.INFO, null, null, null, null, 0);
    }

    public static StateRequest tick() {
        return new StateRequest(Op.TICK, null, null, null, null, 0);
    }

    public static StateRequest beginRun(String jobId, String node, int attempt) {
        return new StateRequest(Op.BEGIN_RUN, null, jobId, node, null, attempt);
    }

    /** @param outcome {@code done}, {@code retry} or {@code abandon} */
    public static StateRequest endRun(String jobId, String node, int attempt, String outcome) {
        return new StateRequest(Op.END_RUN, outcome, jobId, node, null, attempt);
    }

    public static StateRequest forgetRun(String jobId) {
        return new StateRequest(Op.FORGET_RUN, null, jobId, null, null, 0);
    }

    public static StateRequest waitingEmpty(String key) {
        return new StateRequest(Op.WAITING_EMPTY, key, null, null, null, 0);
    }
}
