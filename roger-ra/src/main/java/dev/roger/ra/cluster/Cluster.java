package dev.roger.ra.cluster;

import com.rabbitmq.client.Connection;
import dev.roger.api.spi.GlobalStateHost;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.amqp.Errors;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.client.cluster.ClusterCalls;
import dev.roger.client.cluster.ClusterClient;
import dev.roger.client.cluster.ControlCommand;
import dev.roger.ra.inbound.Coordination;
import dev.roger.ra.inbound.RunningJob;
import dev.roger.state.StateRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The node's part in the cluster: its control queue, its bid for the ownership of its partitions'
 * global state, its replicas of that state, and the coordination jobs use. The engine drives it
 * from its tick and tells it which partitions run here.
 */
public final class Cluster {

    private static final System.Logger LOG = System.getLogger(Cluster.class.getName());

    private final String node;
    private final ClusterCalls calls;
    private final ClusterClient client;
    private final StateReplicas replicas = new StateReplicas();
    private final RunningJobs running = new RunningJobs();
    private final KeyReleases releases;
    private final JobCoordinator coordinator;
    private final StateOwnership ownership;
    private final NodeControl control;
    private final RecurringTicker recurring;
    private final Map<ClassLoader, GlobalStateHost> hosts = new java.util.LinkedHashMap<>();
    private final Runnable reconcile;
    private final Runnable tickSoon;
    private volatile Set<String> partitions = Set.of();

    /**
     * @param reconcile     makes the node's consumers match (paused queues, loaded replicas); must not block long
     * @param reconcileNow  makes the node's consumers match on this thread (pause and resume answer after it)
     * @param tickSoon      runs {@link #tick} soon on another thread
     * @param cancelRunning cancels a job running here, on a container thread
     * @param names         the names of the cluster this node is in: it sees only that cluster's nodes and owners
     * @param nodeCommands  runs info and the partition commands sent to this node
     * @param enqueueRecurring enqueues the jobs of recurring ticks this node fires as a partition's owner
     */
    public Cluster(String node, Supplier<Connection> connection, ConfirmPublisher publisher, QueueDeclarer declarer,
                   Duration stateTimeout, Executor executor, Runnable reconcile, Runnable reconcileNow,
                   Runnable tickSoon, Consumer<RunningJob> cancelRunning, BrokerNames names,
                   java.util.function.Function<ControlCommand, jakarta.json.JsonValue> nodeCommands,
                   java.util.function.BiConsumer<String, java.util.List<dev.roger.api.Job>> enqueueRecurring) {
        this.node = node;
        this.reconcile = reconcile;
        this.tickSoon = tickSoon;
        this.calls = new ClusterCalls(connection, names, stateTimeout, Duration.ofSeconds(3));
        this.client = new ClusterClient(calls);
        this.releases = new KeyReleases(calls);
        this.coordinator = new JobCoordinator(calls, replicas, running, releases, publisher, declarer, names, node);
        this.ownership = new StateOwnership(node, names,
                foundEmpty -> new WaiterMover(publisher, declarer, names, executor, foundEmpty),
                new RecurringFirer(executor, enqueueRecurring));
        this.recurring = new RecurringTicker(calls, ownership::bidDeferred);
        this.control = new NodeControl(node, names, new NodeControl.Handler() {
            @Override
            public void cancel(String partition, String jobId) {
                replicas.cancel(partition, jobId);
                running.find(partition, jobId).ifPresent(cancelRunning);
            }

            @Override
            public void pause(String partition, String queue) {
                if (replicas.pause(partition, queue)) {
                    LOG.log(Level.INFO, "Queue {0} of partition {1} paused", queue, partition);
                    // Before answering: the caller takes the answer to mean this node starts no
                    // more jobs from the queue.
                    reconcileNow.run();
                }
            }

            @Override
            public void resume(String partition, String queue) {
                if (replicas.resume(partition, queue)) {
                    LOG.log(Level.INFO, "Queue {0} of partition {1} resumed", queue, partition);
                    reconcileNow.run();
                }
            }

            @Override
            public jakarta.json.JsonValue nodeCommand(ControlCommand command) {
                return nodeCommands.apply(command);
            }
        }, replicas::refreshAll, executor);
    }

    public ClusterClient client() {
        return client;
    }

    public Coordination coordination() {
        return coordinator;
    }

    /** Whether the partition's replica is loaded, so its consumers may start. */
    public boolean ready(String partition) {
        return replicas.ready(partition);
    }

    public boolean paused(String partition, String queue) {
        return replicas.paused(partition, queue);
    }

    /**
     * The partitions that run on this node now. A partition new here gets its ownership bid and
     * its state asked for at once, not on the next tick: its consumers wait for that state, and
     * a tick's wait showed as a second of latency for the first jobs of a started partition.
     */
    public void runHere(Collection<String> partitionIds) {
        Set<String> copy = Set.copyOf(partitionIds);
        boolean added = !partitions.containsAll(copy);
        partitions = copy;
        replicas.retain(copy);
        recurring.runHere(copy);
        if (added) {
            tickSoon.run();
        }
    }

    /** Registers an application's state holder; the first one registered holds the state of this node's partitions. */
    public synchronized void registerHost(ClassLoader application, GlobalStateHost host) {
        hosts.put(application, host);
        ownership.host(hosts.values().stream().findFirst().orElse(null));
    }

    public synchronized void unregisterHost(ClassLoader application) {
        hosts.remove(application);
        ownership.host(hosts.values().stream().findFirst().orElse(null));
    }

    /** The periodic work: control queue, ownership bids, replica refresh, lease renewal, owner housekeeping. */
    public void tick(Connection connection) {
        boolean moreBids = false;
        try {
            control.ensureOpen(connection);
            moreBids = ownership.compete(connection, partitions);
        } catch (IOException | RuntimeException e) {
            // A classic queue of Roger's whose RabbitMQ cluster member is down lands here (NOT_FOUND
            // "home node ... is down"): the broker's words say which, the client's message is null.
            LOG.log(Level.WARNING, "Roger could not open its cluster channels ({0}); retrying every 2 s",
                    Errors.describe(e));
        }
        replicas.refresh(calls, node, ownership::bidDeferred, reconcile);
        running.holdingLeases().forEach((partition, ids) ->
                calls.askAsync(partition, StateRequest.renew(node, ids)));
        releases.retry();
        ownership.tick();
        if (moreBids) {
            // The next bids right after the states of these were asked for.
            tickSoon.run();
        }
    }

    /** Asks the owners for recurring ticks that are due; called every 100 ms. */
    public void recurringTick() {
        recurring.tick();
    }

    /** A bean's {@code @RogerJob(cron)} in a partition it runs in, for that partition's owner. */
    public void declareRecurring(String partition, dev.roger.api.RecurringJob job) {
        recurring.declare(partition, job);
    }

    /** Makes this node ask the partition's owner for due ticks at once (a recurring job changed). */
    public void recurringChanged(String partition) {
        recurring.askSoon(partition);
    }

    /** Stores owned state and closes the cluster channels. */
    public void close() {
        ownership.close();
        control.close();
        calls.close();
    }
}
