package dev.roger.state;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The persisted part of a {@link PartitionState}: what the next owner needs. Lease times and the
 * waiters' last move times are left out on purpose: they are only meaningful on the clock of the
 * owner that set them.
 *
 * @param paused        paused queues
 * @param queueKeys     queue key to holder job id
 * @param execKeys      execution key to holder
 * @param waiting       execution key to the time a job last started waiting for it
 * @param cancelled     cancelled job id to its entry
 * @param cancelVersion version of the cancel set
 * @param runs          the ids of idempotent jobs that run, wait for their retry, or finished
 * @param recurring     the recurring jobs with their last ticks
 */
record StoredState(Set<String> paused, Map<String, String> queueKeys, Map<String, Holder> execKeys,
                   Map<String, Instant> waiting, Map<String, Cancel> cancelled, long cancelVersion, Runs runs,
                   java.util.List<RecurringJobs.Entry> recurring) {

    /**
     * The idempotent jobs' ids (see {@link IdempotentRuns}); a running copy's lease time is not
     * stored (it is {@link Instant#EPOCH} when read).
     */
    record Runs(Map<String, IdempotentRuns.Running> running, Map<String, IdempotentRuns.Retrying> retrying,
                Map<String, Instant> done) {
    }

    /** The running job that holds an execution key, and its node. */
    record Holder(String job, String node) {
    }

    /**
     * A cancelled job id.
     *
     * @param at   when it was cancelled, or first seen by a node once {@code seen}
     * @param seen whether a node already consumed the cancel
     */
    record Cancel(Instant at, boolean seen) {
    }
}
