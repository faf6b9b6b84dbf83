package dev.roger.state;

import dev.roger.api.GlobalStateInfo;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The owner's answer to a {@link StateRequest}. One shape for every operation: the fields an
 * operation does not use are empty.
 *
 * @param status        the outcome
 * @param holder        for {@link Status#REFUSED}: the job id that holds the key
 * @param owner         the owner node's name (filled in by the owner's adapter, not the state)
 * @param paused        for {@link Status#SNAPSHOT}: the paused queues
 * @param cancelVersion for {@link Status#SNAPSHOT}: the version of the cancel set
 * @param cancelled     for {@link Status#SNAPSHOT}: the cancelled ids not yet seen, when the asker's version
 *                      was stale; else {@code null}
 * @param moveWaiters   execution keys whose waiting queue should give one job back to its main queue now
 * @param info          for {@link Status#INFO}: the whole state
 * @param storeNow      whether the owner should store the state at once (pause and resume) rather than
 *                      within the second
 * @param data          for the recurring-job operations: what is due ({@link RecurringCodec#decodeDue}) or
 *                      the listing ({@link RecurringCodec#decodeList}), as JSON
 */
public record StateReply(Status status, String holder, String owner, Set<String> paused, long cancelVersion,
                         List<String> cancelled, List<String> moveWaiters, GlobalStateInfo info, boolean storeNow,
                         String data) {

    /** Outcomes. */
    public enum Status {
        /** Done, nothing to report. */
        DONE,
        /** The key is now held by the asking job. */
        GRANTED,
        /** Another job holds the key ({@code holder}). */
        REFUSED,
        /** The job was cancelled and this is the first time a node saw it: fire the cancel event. */
        FIRST,
        /** The job was cancelled and already seen once: drop this copy without an event. */
        AGAIN,
        /** The job is not cancelled. */
        NONE,
        /** A replica snapshot. */
        SNAPSHOT,
        /** The whole state in {@code info}. */
        INFO,
        /** An idempotent job with this id already finished, or its scheduled retry is pending: drop this copy. */
        DUPLICATE
    }

    public StateReply {
        Objects.requireNonNull(status, "status");
        paused = paused == null ? Set.of() : Set.copyOf(paused);
        cancelled = cancelled == null ? null : List.copyOf(cancelled);
        moveWaiters = moveWaiters == null ? List.of() : List.copyOf(moveWaiters);
    }

    public StateReply(Status status, String holder, String owner, Set<String> paused, long cancelVersion,
                      List<String> cancelled, List<String> moveWaiters, GlobalStateInfo info, boolean storeNow) {
        this(status, holder, owner, paused, cancelVersion, cancelled, moveWaiters, info, storeNow, null);
    }

    /** A reply carrying recurring-job data; stored at once when {@code storeNow}. */
    public static StateReply withData(String data, boolean storeNow) {
        return new StateReply(Status.DONE, null, null, null, 0, null, null, null, storeNow, data);
    }

    public static StateReply of(Status status) {
        return new StateReply(status, null, null, null, 0, null, null, null, false);
    }

    public static StateReply refused(String holder) {
        return new StateReply(Status.REFUSED, holder, null, null, 0, null, null, null, false);
    }

    public static StateReply moving(List<String> keys) {
        return new StateReply(Status.DONE, null, null, null, 0, null, keys, null, false);
    }

    public static StateReply snapshot(Set<String> paused, long cancelVersion, List<String> cancelled) {
        return new StateReply(Status.SNAPSHOT, null, null, paused, cancelVersion, cancelled, null, null, false);
    }

    public static StateReply info(GlobalStateInfo info) {
        return new StateReply(Status.INFO, null, null, null, 0, null, null, info, false);
    }

    public static StateReply storingNow() {
        return new StateReply(Status.DONE, null, null, null, 0, null, null, null, true);
    }

    /** This reply as sent by {@code node}. */
    public StateReply withOwner(String node) {
        GlobalStateInfo i = info == null ? null : new GlobalStateInfo(info.partition(), node, info.pausedQueues(),
                info.queueKeys(), info.executionKeys(), info.waitingKeys(), info.cancelledJobs());
        return new StateReply(status, holder, node, paused, cancelVersion, cancelled, moveWaiters, i, storeNow, data);
    }
}
