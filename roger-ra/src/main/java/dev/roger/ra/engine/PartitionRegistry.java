package dev.roger.ra.engine;

import com.rabbitmq.client.Channel;
import dev.roger.api.PartitionNotRunningException;
import dev.roger.api.PartitionSpec;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.ra.inbound.JobDispatcher;
import dev.roger.ra.inbound.QueueConsumer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * This node's partitions: what should run (declared by beans, or set at runtime, which takes
 * precedence) and the consumers that do. {@link #reconcile()} makes the consumers match: it runs
 * on every change and on the engine's tick, so a consumer lost to a broker cancel, a channel error
 * or a broker outage comes back by itself.
 */
final class PartitionRegistry {

    private static final System.Logger LOG = System.getLogger(PartitionRegistry.class.getName());

    private final ChannelSource channels;
    private final QueueDeclarer declarer;
    private final BrokerNames names;
    private final JobDispatcher dispatcher;
    private final Gate gate;
    private final Map<String, PartitionSpec> declared = new TreeMap<>();
    private final Map<String, PartitionSpec> runtime = new TreeMap<>();
    private final Set<String> stoppedAtRuntime = new HashSet<>();
    /** Set by the shutdown: no consumer starts again. */
    private boolean closed;
    private final Map<String, Map<String, QueueConsumer>> consumers = new HashMap<>();
    private final WaitingQueues waiting = new WaitingQueues(java.time.Clock.systemUTC());
    private final MainQueueDeclarations declarations;
    /** Consumers started at once in a pass: about what keeps the broker busy, as for the declarations. */
    private final SideBySide starts = new SideBySide("roger-consumer-start", 8);
    private final Runnable reconcileSoon;
    /**
     * The last pass left nothing to do: every partition's state known, every queue to consume
     * consumed, none waiting for a retry. Then the periodic pass only checks the consumers'
     * health; rebuilding the whole picture every 2 s was a measurable share of the idle CPU of a
     * node with a thousand tenants.
     */
    private boolean settled;

    /** What the partitions' global state allows: consume only once it is known, and never a paused queue. */
    interface Gate {
        boolean ready(String partition);

        boolean paused(String partition, String queue);

        /** Told the partitions that run here after every change. */
        void runHere(java.util.Collection<String> partitions);
    }

    /** Opens a consumer channel. */
    @FunctionalInterface
    interface ChannelSource {
        Channel open() throws IOException;
    }

    /**
     * @param reconcileSoon has {@link #reconcile} run soon on another thread, requests close together
     *                      sharing one run; must not block
     */
    PartitionRegistry(ChannelSource channels, QueueDeclarer declarer, BrokerNames names, JobDispatcher dispatcher,
                      Gate gate, Runnable reconcileSoon) {
        this.reconcileSoon = reconcileSoon;
        this.gate = gate;
        this.channels = channels;
        this.declarer = declarer;
        this.declarations = new MainQueueDeclarations(declarer, reconcileSoon);
        this.names = names;
        this.dispatcher = dispatcher;
    }

    /** Replaces what the active beans declare. */
    synchronized void declare(Map<String, PartitionSpec> specs) {
        declared.clear();
        declared.putAll(specs);
        reconcile();
    }

    /**
     * Starts, or reconfigures, a partition at runtime. A partition new here is only recorded now;
     * the cluster hears of it, and its consumers start, in a reconcile soon after, shared with the
     * partitions started around it (its state is not known yet anyway). Each call costs the same
     * however many partitions run: a full reconcile per call made a thousand starts take 20 s,
     * and telling the cluster the whole set per call made ten thousand take minutes.
     */
    synchronized void start(PartitionSpec spec) {
        boolean runsHere = runsHere(spec.partition());
        stoppedAtRuntime.remove(spec.partition());
        runtime.put(spec.partition(), spec);
        if (runsHere || closed) {
            reconcile();
            return;
        }
        settled = false;
        declareAhead(Map.of(spec.partition(), spec));
        reconcileSoon.run();
    }

    synchronized void reconfigure(PartitionSpec spec) {
        requireRunning(spec.partition());
        start(spec);
    }

    /**
     * Stops a partition's consumers now (jobs in progress finish); the rest (the cluster, the
     * queues waited for) follows in a shared reconcile soon after, so stopping thousands one by
     * one does not cost a pass over all of them each.
     */
    synchronized void stop(String partition) {
        requireRunning(partition);
        runtime.remove(partition);
        stoppedAtRuntime.add(partition);
        Map<String, QueueConsumer> queues = consumers.remove(partition);
        if (queues != null) {
            queues.values().forEach(QueueConsumer::stop);
        }
        settled = false;
        reconcileSoon.run();
    }

    /** What runs on this node, sorted by partition. */
    synchronized List<PartitionSpec> running() {
        return new ArrayList<>(desired().values());
    }

    /** Where a job of this partition goes when it names no queue and its type's bean names none. */
    synchronized boolean isRunning(String partition) {
        return runsHere(partition);
    }

    /** Whether the partition is among {@link #desired()}, without building it. */
    private boolean runsHere(String partition) {
        return runtime.containsKey(partition)
                || (declared.containsKey(partition) && !stoppedAtRuntime.contains(partition));
    }

    private void requireRunning(String partition) {
        if (!runsHere(partition)) {
            throw new PartitionNotRunningException(partition);
        }
    }

    private Map<String, PartitionSpec> desired() {
        Map<String, PartitionSpec> result = new TreeMap<>(declared);
        result.keySet().removeAll(stoppedAtRuntime);
        result.putAll(runtime);
        return result;
    }

    /**
     * The periodic pass: reconciles when the last pass left something to do or a consumer lost its
     * channel or was cancelled; every change of what should run reconciles at once anyway.
     */
    synchronized void reconcileIfUnsettled() {
        if (!settled || consumers.values().stream().anyMatch(q -> q.values().stream().anyMatch(c -> !c.healthy()))) {
            reconcile();
        }
    }

    /** Makes the consumers match the desired partitions; what cannot start now is retried on the next tick. */
    synchronized void reconcile() {
        settled = false;
        if (closed) {
            return;
        }
        Map<String, PartitionSpec> desired = desired();
        gate.runHere(desired.keySet());
        Map<String, PartitionSpec> want = consumable(desired);
        for (var partition : new ArrayList<>(consumers.keySet())) {
            Map<String, QueueConsumer> queues = consumers.get(partition);
            PartitionSpec spec = want.get(partition);
            queues.entrySet().removeIf(e -> {
                Integer workers = spec == null ? null : spec.queues().get(e.getKey());
                boolean keep = workers != null && workers == e.getValue().workers() && e.getValue().healthy();
                if (!keep) {
                    e.getValue().stop();
                }
                return !keep;
            });
            if (queues.isEmpty()) {
                consumers.remove(partition);
            }
        }
        Set<String> wanted = new HashSet<>();
        want.values().forEach(spec -> spec.queues().keySet().forEach(q -> wanted.add(names.mainQueue(spec.partition(), q))));
        waiting.retainOnly(wanted);
        declareAhead(desired);
        List<Wanted> toStart = new ArrayList<>();
        for (PartitionSpec spec : want.values()) {
            Map<String, QueueConsumer> queues = consumers.getOrDefault(spec.partition(), Map.of());
            for (Map.Entry<String, Integer> q : spec.queues().entrySet()) {
                String name = names.mainQueue(spec.partition(), q.getKey());
                // A queue still being declared gets its consumer in the pass its declaration asks for.
                if (!queues.containsKey(q.getKey()) && waiting.due(name) && !declarations.inFlight(name)) {
                    toStart.add(new Wanted(spec.partition(), q.getKey(), q.getValue(), name));
                }
            }
        }
        // A failed start that is not the queue's own (the broker unreachable, refusing connections)
        // ends the pass: every further attempt would wait out the same timeout while holding this
        // lock. A queue the broker refuses (another type, access, a limit) waits alone.
        List<Started> started = starts.run(toStart, this::startConsumer,
                s -> s.consumer() == null && !s.queueRefused());
        for (int i = 0; i < toStart.size(); i++) {
            Wanted w = toStart.get(i);
            Started s = started.get(i);
            if (s == null) {
                continue;
            }
            if (s.consumer() != null) {
                consumers.computeIfAbsent(w.partition(), p -> new TreeMap<>()).put(w.queue(), s.consumer());
                waiting.consumed(w.name());
            } else if (s.failure() != null) {
                waiting.failed(w.name(), w.partition(), w.queue(), s.failure());
            }
        }
        settled = want.size() == desired.size() && waiting.list().isEmpty() && want.values().stream()
                .allMatch(spec -> consumers.getOrDefault(spec.partition(), Map.of()).keySet()
                        .containsAll(spec.queues().keySet()));
    }

    /** A main queue to consume. */
    private record Wanted(String partition, String queue, int workers, String name) {
    }

    /**
     * A consumer, or why it did not start ({@code failure}, null when interrupted) and whether the
     * broker refused that queue in particular.
     */
    private record Started(QueueConsumer consumer, Throwable failure, boolean queueRefused) {
    }

    /** Reply codes with which the broker refuses one queue, not the connection. */
    private static boolean queueRefused(Throwable e) {
        return dev.roger.client.amqp.Errors.isChannelClose(e, 403) || dev.roger.client.amqp.Errors.isChannelClose(e, 405)
                || dev.roger.client.amqp.Errors.isChannelClose(e, dev.roger.client.amqp.Errors.PRECONDITION_FAILED);
    }

    /** What runs on this node, queue by queue, for Info, with each queue's counters from {@code counts}. */
    synchronized List<dev.roger.api.admin.PartitionInfo> describe(dev.roger.ra.inbound.JobCounts counts) {
        List<dev.roger.api.admin.PartitionInfo> result = new ArrayList<>();
        desired().forEach((partition, spec) -> {
            List<dev.roger.api.admin.PartitionInfo.NodeQueue> queues = new ArrayList<>();
            Map<String, QueueConsumer> running = consumers.getOrDefault(partition, Map.of());
            spec.queues().forEach((queue, workers) -> {
                QueueConsumer c = running.get(queue);
                dev.roger.api.admin.PartitionInfo.ConsumerState state = c != null
                        ? dev.roger.api.admin.PartitionInfo.ConsumerState.CONSUMING
                        : gate.paused(partition, queue) ? dev.roger.api.admin.PartitionInfo.ConsumerState.PAUSED
                        : dev.roger.api.admin.PartitionInfo.ConsumerState.STOPPED;
                queues.add(new dev.roger.api.admin.PartitionInfo.NodeQueue(queue, workers, state,
                        c == null ? 0 : c.inFlight(), counts.of(partition, queue)));
            });
            result.add(new dev.roger.api.admin.PartitionInfo(partition, queues));
        });
        return result;
    }

    /** The queues this node waits for, with the broker's reasons. */
    List<dev.roger.api.admin.WaitingPartition> waiting() {
        return waiting.list();
    }

    /** The queues to consume now: of partitions whose state is known, without the paused ones. */
    private Map<String, PartitionSpec> consumable(Map<String, PartitionSpec> desired) {
        Map<String, PartitionSpec> result = new TreeMap<>();
        desired.forEach((partition, spec) -> {
            if (!gate.ready(partition)) {
                return;
            }
            // Rebuilt only when a queue is paused: with a thousand partitions this runs often.
            if (spec.queues().keySet().stream().noneMatch(q -> gate.paused(partition, q))) {
                result.put(partition, spec);
                return;
            }
            Map<String, Integer> queues = new TreeMap<>(spec.queues());
            queues.keySet().removeIf(q -> gate.paused(partition, q));
            result.put(partition, PartitionSpec.of(partition, queues));
        });
        return result;
    }

    /**
     * Has the main queues of the partitions whose state is known declared in the background,
     * several at a time, so that their consumers start as soon as each is declared. Not before the
     * state is known: the broker serializes queue creations, and quorum queues declared ahead
     * made every owner bid (a classic queue and a consumer) wait behind them, which held up the
     * states all the consumers wait for (2,000 queues: 112 s instead of 30). Paused queues are
     * left alone: nothing consumes them.
     */
    private void declareAhead(Map<String, PartitionSpec> desired) {
        desired.forEach((partition, spec) -> {
            if (!gate.ready(partition)) {
                return;
            }
            Map<String, QueueConsumer> queues = consumers.get(partition);
            spec.queues().keySet().forEach(q -> {
                String name = names.mainQueue(partition, q);
                if ((queues == null || !queues.containsKey(q)) && waiting.due(name) && !gate.paused(partition, q)) {
                    declarations.declareSoon(name);
                }
            });
        });
    }

    /** Runs side by side with the other starts of a pass: touches none of the registry's state. */
    private Started startConsumer(Wanted w) {
        Channel channel = null;
        try {
            declarer.ensureMain(w.name());
            channel = channels.open();
            QueueConsumer consumer = QueueConsumer.start(channel, w.name(), w.partition(), w.queue(), w.workers(),
                    dispatcher);
            LOG.log(Level.DEBUG, "Consuming {0} with {1} workers", w.name(), w.workers());
            return new Started(consumer, null, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(channel);
            return new Started(null, null, false);
        } catch (Throwable e) {
            // Anything, so that no channel is left consuming without the registry knowing it.
            declarer.forget(w.name());
            abort(channel);
            return new Started(null, e, queueRefused(e));
        }
    }

    private static void abort(Channel channel) {
        if (channel != null) {
            try {
                channel.abort();
            } catch (IOException | RuntimeException ignored) {
                // The channel is unusable either way.
            }
        }
    }

    /** Stops every consumer for good (the node shuts down); jobs in progress finish and are settled. */
    synchronized void stopAll() {
        closed = true;
        declarations.close();
        starts.close();
        consumers.values().forEach(q -> q.values().forEach(QueueConsumer::stop));
        consumers.clear();
    }
}
