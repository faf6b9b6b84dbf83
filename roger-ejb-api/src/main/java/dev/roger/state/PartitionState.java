package dev.roger.state;

import dev.roger.api.spi.StateConfiguration;
import dev.roger.api.GlobalStateInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The global state of one partition, as its owner holds it: paused queues, queue keys, execution
 * keys with their leases, execution keys that have waiters, and cancelled job ids. A pure state
 * machine: {@link #apply} changes it, {@link #store} and {@link #restore} convert it; the owner's
 * adapter does all messaging and persistence. Thread-safe.
 */
public final class PartitionState {

    /** Don't move a waiter for the same key more often than this: the moved job needs time to start. */
    static final Duration MOVE_INTERVAL = Duration.ofSeconds(5);
    /** How long a waiting key survives an empty waiting queue: a waiter's publish may still be in flight. */
    static final Duration WAITING_GRACE = Duration.ofSeconds(10);
    /** At most this many cancelled ids are remembered, whatever the retention. */
    static final int MAX_CANCELLED = 100_000;

    private final String partition;
    private final Clock clock;
    private final Duration keyLease;
    private final Duration cancelRetention;

    private final Set<String> paused = new TreeSet<>();
    private final Map<String, String> queueKeys = new LinkedHashMap<>();
    private final Map<String, Lease> execKeys = new LinkedHashMap<>();
    private final Map<String, Instant> waiting = new LinkedHashMap<>();
    private final Map<String, Instant> lastMove = new HashMap<>();
    private final Map<String, StoredState.Cancel> cancelled = new LinkedHashMap<>();
    private final RecurringJobs recurring = new RecurringJobs();
    private final IdempotentRuns runs;
    private long cancelVersion;
    private boolean dirty;

    /** An execution key's holder; renewedAt is on this owner's clock only, so it is not stored. */
    private record Lease(String jobId, String node, Instant renewedAt) {
    }

    /** An empty state. */
    public PartitionState(String partition, StateConfiguration settings, Clock clock) {
        this.partition = Objects.requireNonNull(partition, "partition");
        this.keyLease = Objects.requireNonNull(settings, "settings").keyLease();
        this.cancelRetention = settings.cancelRetention();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runs = new IdempotentRuns(keyLease, cancelRetention);
    }

    /**
     * The state a previous owner stored. Every execution key holder gets a fresh lease: its node
     * may have been renewing with the old owner until a moment ago and needs time to find us.
     *
     * @throws IllegalArgumentException if {@code stored} is not a state this version can read
     */
    public static PartitionState restore(String partition, byte[] stored, StateConfiguration settings, Clock clock) {
        PartitionState state = new PartitionState(partition, settings, clock);
        StoredState s = StoredStateFormat.read(stored, "Stored state of partition '" + partition + "'");
        Instant now = clock.instant();
        state.paused.addAll(s.paused());
        state.queueKeys.putAll(s.queueKeys());
        s.execKeys().forEach((k, h) -> state.execKeys.put(k, new Lease(h.job(), h.node(), now)));
        state.waiting.putAll(s.waiting());
        state.cancelled.putAll(s.cancelled());
        state.cancelVersion = s.cancelVersion();
        state.runs.restore(s.runs().running(), s.runs().retrying(), s.runs().done(), now);
        state.recurring.restore(s.recurring());
        return state;
    }

    /** Whether the state changed since the last {@link #store}. */
    public synchronized boolean dirty() {
        return dirty;
    }

    /** Marks the state as changed again, e.g. after a store that failed. */
    public synchronized void markDirty() {
        dirty = true;
    }

    /** The state's stored form; clears {@link #dirty}. */
    public synchronized byte[] store() {
        Map<String, StoredState.Holder> holders = new LinkedHashMap<>();
        execKeys.forEach((k, l) -> holders.put(k, new StoredState.Holder(l.jobId(), l.node())));
        byte[] blob = StoredStateFormat.write(new StoredState(paused, queueKeys, holders, waiting, cancelled,
                cancelVersion, new StoredState.Runs(runs.running(), runs.retrying(), runs.done()), recurring.entries()));
        dirty = false;
        return blob;
    }

    /**
     * Applies one request. The reply's {@code owner} is left null for the owner's adapter to fill.
     *
     * @throws IllegalArgumentException if the request lacks a key, job id or node that its op needs
     */
    public synchronized StateReply apply(StateRequest r) {
        Objects.requireNonNull(r, "request");
        Instant now = clock.instant();
        return switch (r.op()) {
            case HELLO -> hello(r.version());
            case CLAIM_QUEUE_KEY -> claimQueueKey(key(r), jobId(r));
            case RELEASE_QUEUE_KEY -> releaseQueueKey(key(r), jobId(r));
            case ACQUIRE_EXEC_KEY -> acquireExecKey(key(r), jobId(r), node(r), now);
            case RELEASE_EXEC_KEY -> releaseExecKey(key(r), jobId(r), now);
            case RENEW -> renew(node(r), r.jobIds(), now);
            case CANCEL -> cancel(jobId(r), r.version() > now.toEpochMilli() ? Instant.ofEpochMilli(r.version()) : now);
            case CONSUME_CANCEL -> consumeCancel(jobId(r), now);
            case PAUSE -> changed(paused.add(key(r)));
            case RESUME -> changed(paused.remove(key(r)));
            case INFO -> info();
            case TICK -> tick(now);
            case WAITING_EMPTY -> waitingEmpty(key(r), now);
            case BEGIN_RUN -> beginRun(jobId(r), node(r), (int) r.version(), now);
            case END_RUN -> endRun(jobId(r), node(r), (int) r.version(), key(r), now);
            case FORGET_RUN -> changed(runs.forget(jobId(r)), StateReply.of(StateReply.Status.DONE));
            case RECURRING_PUT -> recurringChanged(recurring.put(RecurringCodec.decodeJob(data(r)), now), now);
            case RECURRING_REMOVE -> found(recurring.remove(key(r)), now);
            case RECURRING_PAUSE -> found(recurring.pause(key(r), true, now), now);
            case RECURRING_RESUME -> found(recurring.pause(key(r), false, now), now);
            case RECURRING_TRIGGER -> recurring.trigger(key(r), now)
                    .map(f -> StateReply.withData(RecurringCodec.encode(
                            new RecurringCodec.Due(List.of(f), recurring.nextDue(now))), false))
                    .orElse(StateReply.of(StateReply.Status.NONE));
            case RECURRING_DUE -> recurringDue(now);
            case RECURRING_LIST -> StateReply.withData(RecurringCodec.encode(recurring.list(now)), false);
        };
    }

    /**
     * The ticks due now. They are recorded as fired and stored before the reply goes out, so an
     * owner that dies after this never has them fired again by the next one.
     */
    private StateReply recurringDue(Instant now) {
        List<RecurringJobs.Entry> before = recurring.entries();
        List<RecurringCodec.Fire> fires = recurring.due(now);
        if (!before.equals(recurring.entries())) {
            dirty = true;
        }
        return StateReply.withData(RecurringCodec.encode(new RecurringCodec.Due(fires, recurring.nextDue(now))),
                !fires.isEmpty());
    }

    private StateReply recurringChanged(boolean changed, Instant now) {
        if (changed) {
            dirty = true;
        }
        return StateReply.withData(RecurringCodec.encode(new RecurringCodec.Due(List.of(), recurring.nextDue(now))),
                changed);
    }

    private StateReply found(boolean found, Instant now) {
        if (!found) {
            return StateReply.of(StateReply.Status.NONE);
        }
        return recurringChanged(true, now);
    }

    private StateReply beginRun(String jobId, String node, int attempt, Instant now) {
        return switch (runs.begin(jobId, node, attempt, now)) {
            case RUN -> changed(true, StateReply.of(StateReply.Status.GRANTED));
            case BUSY -> StateReply.refused(runs.holder(jobId));
            case DUPLICATE -> StateReply.of(StateReply.Status.DUPLICATE);
        };
    }

    private StateReply endRun(String jobId, String node, int attempt, String outcome, Instant now) {
        IdempotentRuns.Outcome o;
        try {
            o = IdempotentRuns.Outcome.valueOf(outcome.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("END_RUN needs an outcome of done, retry or abandon, got '" + outcome + "'");
        }
        return changed(runs.end(jobId, node, attempt, o, now), StateReply.of(StateReply.Status.DONE));
    }

    private StateReply changed(boolean changed, StateReply reply) {
        if (changed) {
            dirty = true;
        }
        return reply;
    }

    private StateReply hello(long version) {
        List<String> unseen = null;
        if (version != cancelVersion) {
            unseen = new ArrayList<>();
            for (Map.Entry<String, StoredState.Cancel> e : cancelled.entrySet()) {
                if (!e.getValue().seen()) {
                    unseen.add(e.getKey());
                }
            }
        }
        return StateReply.snapshot(paused, cancelVersion, unseen);
    }

    private StateReply claimQueueKey(String key, String jobId) {
        String holder = queueKeys.putIfAbsent(key, jobId);
        if (holder == null) {
            dirty = true;
            return StateReply.of(StateReply.Status.GRANTED);
        }
        return holder.equals(jobId) ? StateReply.of(StateReply.Status.GRANTED) : StateReply.refused(holder);
    }

    private StateReply releaseQueueKey(String key, String jobId) {
        // Only the holder may free a key: a cancelled duplicate that never got it must not free it.
        if (queueKeys.remove(key, jobId)) {
            dirty = true;
        }
        return StateReply.of(StateReply.Status.DONE);
    }

    private StateReply acquireExecKey(String key, String jobId, String node, Instant now) {
        Lease lease = execKeys.get(key);
        // Re-entrant for the same job: a redelivered copy whose first node died must not wait on itself.
        if (lease == null || lease.jobId().equals(jobId) || expired(lease, now)) {
            if (lease == null || !lease.jobId().equals(jobId) || !lease.node().equals(node)) {
                dirty = true;
            }
            execKeys.put(key, new Lease(jobId, node, now));
            return StateReply.of(StateReply.Status.GRANTED);
        }
        waiting.put(key, now);
        dirty = true;
        return StateReply.refused(lease.jobId());
    }

    private StateReply releaseExecKey(String key, String jobId, Instant now) {
        Lease lease = execKeys.get(key);
        if (lease == null || !lease.jobId().equals(jobId)) {
            return StateReply.of(StateReply.Status.DONE);
        }
        execKeys.remove(key);
        dirty = true;
        if (waiting.containsKey(key)) {
            lastMove.put(key, now);
            return StateReply.moving(List.of(key));
        }
        return StateReply.of(StateReply.Status.DONE);
    }

    private StateReply renew(String node, List<String> jobIds, Instant now) {
        // Not dirty: leases are not stored.
        runs.renew(node, jobIds, now);
        Set<String> ids = Set.copyOf(jobIds);
        for (Map.Entry<String, Lease> e : execKeys.entrySet()) {
            Lease lease = e.getValue();
            if (ids.contains(lease.jobId())) {
                if (!lease.node().equals(node)) {
                    dirty = true;
                }
                e.setValue(new Lease(lease.jobId(), node, now));
            }
        }
        return StateReply.of(StateReply.Status.DONE);
    }

    /** @param from where the retention counts from: now, or a scheduled job's due time */
    private StateReply cancel(String jobId, Instant from) {
        if (!cancelled.containsKey(jobId)) {
            cancelled.put(jobId, new StoredState.Cancel(from, false));
            cancelVersion++;
            dirty = true;
        }
        return StateReply.of(StateReply.Status.DONE);
    }

    private StateReply consumeCancel(String jobId, Instant now) {
        StoredState.Cancel c = cancelled.get(jobId);
        if (c == null) {
            return StateReply.of(StateReply.Status.NONE);
        }
        if (c.seen()) {
            return StateReply.of(StateReply.Status.AGAIN);
        }
        // The retention counts from now: copies of the job may still be in other queues.
        cancelled.put(jobId, new StoredState.Cancel(now, true));
        cancelVersion++;
        dirty = true;
        return StateReply.of(StateReply.Status.FIRST);
    }

    private StateReply changed(boolean changed) {
        if (!changed) {
            return StateReply.of(StateReply.Status.DONE);
        }
        dirty = true;
        // Every node's replica learns paused queues from the stored state after an owner change.
        return StateReply.storingNow();
    }

    private StateReply info() {
        Map<String, String> holders = new LinkedHashMap<>();
        execKeys.forEach((k, l) -> holders.put(k, l.jobId()));
        int unseen = (int) cancelled.values().stream().filter(c -> !c.seen()).count();
        return StateReply.info(new GlobalStateInfo(partition, "", paused, queueKeys, holders, waiting.keySet(),
                unseen));
    }

    private StateReply tick(Instant now) {
        if (execKeys.values().removeIf(l -> expired(l, now))) {
            dirty = true;
        }
        List<String> moves = new ArrayList<>();
        for (String key : waiting.keySet()) {
            Instant moved = lastMove.get(key);
            if (!execKeys.containsKey(key) && (moved == null || !moved.plus(MOVE_INTERVAL).isAfter(now))) {
                moves.add(key);
                lastMove.put(key, now);
            }
        }
        if (dropOldCancels(now) | runs.expire(now)) {
            dirty = true;
        }
        return StateReply.moving(moves);
    }

    private boolean dropOldCancels(Instant now) {
        Instant cutoff = now.minus(cancelRetention);
        boolean dropped = cancelled.values().removeIf(c -> c.at().isBefore(cutoff));
        int excess = cancelled.size() - MAX_CANCELLED;
        if (excess > 0) {
            List<Map.Entry<String, StoredState.Cancel>> oldest = new ArrayList<>(cancelled.entrySet());
            oldest.sort(Comparator.comparing(e -> e.getValue().at()));
            for (Iterator<Map.Entry<String, StoredState.Cancel>> it = oldest.iterator(); excess > 0; excess--) {
                cancelled.remove(it.next().getKey());
            }
            dropped = true;
        }
        return dropped;
    }

    private StateReply waitingEmpty(String key, Instant now) {
        Instant since = waiting.get(key);
        if (since != null && !execKeys.containsKey(key) && since.plus(WAITING_GRACE).isBefore(now)) {
            waiting.remove(key);
            lastMove.remove(key);
            dirty = true;
        }
        return StateReply.of(StateReply.Status.DONE);
    }

    private boolean expired(Lease lease, Instant now) {
        return lease.renewedAt().plus(keyLease).isBefore(now);
    }

    private static String key(StateRequest r) {
        return require(r, "key", r.key());
    }

    private static String data(StateRequest r) {
        return require(r, "data", r.data());
    }

    private static String jobId(StateRequest r) {
        return require(r, "jobId", r.jobId());
    }

    private static String node(StateRequest r) {
        return require(r, "node", r.node());
    }

    private static String require(StateRequest r, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(r.op() + " needs a non-blank " + field + ", got "
                    + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }
}
