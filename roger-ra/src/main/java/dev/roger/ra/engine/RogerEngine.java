package dev.roger.ra.engine;

import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.api.PartitionSpec;
import dev.roger.api.spi.GlobalStateHost;
import dev.roger.api.spi.JobEventSink;
import dev.roger.client.cluster.ClusterClient;
import dev.roger.client.tracing.EnqueueTracing;
import dev.roger.ra.tracing.ApplicationTelemetry;
import dev.roger.ra.cluster.Cluster;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import dev.roger.client.buried.BuriedQueues;
import dev.roger.client.JobEnqueuer;
import dev.roger.client.wire.JobCodec;
import dev.roger.client.wire.JobDecodeException;
import java.nio.charset.StandardCharsets;
import dev.roger.ra.outbound.AfterCommitEnqueues;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.admin.ClusterAdmin;
import dev.roger.client.admin.LocalNode;
import dev.roger.client.cluster.ControlCommand;
import dev.roger.api.RogerAdmin;
import dev.roger.api.admin.NodeInfo;
import dev.roger.client.amqp.Errors;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.ra.inbound.ActivationConfig;
import dev.roger.ra.inbound.ApplicationEvents;
import dev.roger.ra.inbound.Burier;
import dev.roger.ra.inbound.RunGate;
import dev.roger.ra.inbound.RunningJob;
import dev.roger.ra.inbound.Settler;
import dev.roger.ra.inbound.StuckDeliveryWatch;
import dev.roger.ra.inbound.DeadLetteredJobs;
import dev.roger.ra.inbound.DroppedBuriedLog;
import dev.roger.ra.inbound.EndpointRegistry;
import dev.roger.ra.inbound.FailureHandler;
import dev.roger.ra.inbound.Retrier;
import dev.roger.ra.inbound.RetrySchedule;
import dev.roger.ra.inbound.InvalidActivationException;
import dev.roger.ra.inbound.JobDispatcher;
import dev.roger.ra.inbound.JobRunner;
import dev.roger.ra.inbound.LongJobGuard;
import dev.roger.ra.inbound.RogerActivationSpec;
import dev.roger.api.spi.NodeHealth;
import dev.roger.ra.health.NodeHealthCheck;
import dev.roger.ra.metrics.NodeMetrics;
import dev.roger.ra.metrics.NodeState;
import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;

/**
 * The node's engine, one per resource adapter: wires the connection, publishing, consumers and
 * job running together, and is what activations and outbound connections talk to.
 */
public final class RogerEngine {

    private static final System.Logger LOG = System.getLogger(RogerEngine.class.getName());
    private static final long TICK_MILLIS = 2000;
    private static final long RECONCILE_GATHER_MILLIS = 50;

    private final EngineSettings settings;
    private final String brokerDescription;
    private final Timer timer;
    private final ConnectionKeeper keeper;
    private final ConsumerChannels consumerChannels;
    private final ConfirmPublisher publisher;
    private final JobEnqueuer enqueuer;
    private volatile AfterCommitEnqueues afterCommit = AfterCommitEnqueues.IMMEDIATE;
    private final EndpointRegistry endpoints = new EndpointRegistry();
    private final PartitionDeclarations declarations = new PartitionDeclarations();
    private final ApplicationEvents events;
    private final NodeMetrics metrics;
    private final ApplicationTelemetry telemetry;
    private final PartitionRegistry partitions;
    private final Cluster cluster;
    private final DroppedBuriedLog droppedBuried;
    private final DeadLetteredJobs deadLettered;
    private final BuriedQueues buried;
    private final WorkManager workManager;
    private final DeliverySettings delivery;
    private final RunGate gate = new RunGate();
    private final Settler settler;
    private final JobRunner runner;
    private final StuckDeliveryWatch stuck;
    private final QueueDeclarer declarer;
    private final Instant startedAt = Instant.now();
    private final RogerAdmin admin;
    private final LongJobGuard longJobs;
    private final Thread shutdownHook = new Thread(this::shutdownBegins, "roger-shutdown-gate");
    private TimerTask ticks;
    private TimerTask recurringTicks;
    private volatile Instant lastActivation;
    private final java.util.concurrent.atomic.AtomicBoolean reconcilePending = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean tickPending = new java.util.concurrent.atomic.AtomicBoolean();

    public RogerEngine(AmqpSettings amqp, EngineSettings settings, DeliverySettings delivery, WorkManager workManager,
                       Timer timer) {
        this(amqp, settings, delivery, TelemetrySettings.DEFAULT, workManager, timer);
    }

    public RogerEngine(AmqpSettings amqp, EngineSettings settings, DeliverySettings delivery, TelemetrySettings observability,
                       WorkManager workManager, Timer timer) {
        Names.requirePartition(settings.defaultPartition());
        this.settings = settings;
        this.delivery = delivery;
        this.timer = timer;
        this.brokerDescription = amqp.describe();
        com.rabbitmq.client.ConnectionFactory connections = amqp.newConnectionFactory();
        this.keeper = new ConnectionKeeper(connections, "roger@" + settings.nodeName(), brokerDescription);
        this.metrics = observability.metrics()
                ? NodeMetrics.create(observability.partitionLabels(), settings.nodeName(), new EngineState(), keeper::open)
                : NodeMetrics.off();
        this.telemetry = new ApplicationTelemetry(observability.tracing());
        this.events = new ApplicationEvents(this.metrics.jobs());
        this.consumerChannels = new ConsumerChannels(keeper::open, connections, "roger@" + settings.nodeName(),
                settings.channelsPerConnection());
        this.publisher = new ConfirmPublisher(keeper::open, settings.publishTimeout());
        this.workManager = workManager;
        BrokerNames names = settings.names();
        this.declarer = new QueueDeclarer(publisher, settings.queueType(), settings.buriedMaxLength(),
                settings.buriedMaxAge(), names);
        this.droppedBuried = new DroppedBuriedLog(names.buriedDropped(),
                new dev.roger.client.buried.BuriedLog(names, settings.buriedMaxAge()));
        JobRunner[] runner = new JobRunner[1];
        this.cluster = new Cluster(settings.nodeName(), keeper::open, publisher, declarer, settings.stateTimeout(),
                this::runInContainer, this::reconcileSoon, this::reconcileNow, this::tickSoon,
                running -> runInContainer(() -> runner[0].cancelRunning(running)), names, this::nodeCommand,
                this::enqueueRecurring);
        this.enqueuer = new JobEnqueuer(publisher, declarer, cluster.client(), names, settings.maxJobBytes(),
                brokerDescription, new EnqueueTracing(telemetry::forCaller));
        this.buried = new BuriedQueues(keeper::open, declarer, cluster.client(), names);
        this.admin = new ClusterAdmin(keeper::open, cluster.client(), buried, names, new LocalNode() {
                    @Override
                    public String name() {
                        return settings.nodeName();
                    }

                    @Override
                    public void startPartition(PartitionSpec spec) {
                        RogerEngine.this.startPartition(spec);
                    }

                    @Override
                    public void reconfigurePartition(PartitionSpec spec) {
                        RogerEngine.this.reconfigurePartition(spec);
                    }

                    @Override
                    public void stopPartition(String partition) {
                        RogerEngine.this.stopPartition(partition);
                    }

                    @Override
                    public List<PartitionSpec> runningPartitions() {
                        return RogerEngine.this.runningPartitions();
                    }
                });
        this.settler = new Settler(publisher, new Retrier(publisher, declarer, settings.nodeName()),
                new Burier(publisher, declarer, settings.nodeName(), settings.names().buriedLog()), timer, this::runInContainer, events.counts());
        this.deadLettered = new DeadLetteredJobs(names, settler);
        this.stuck = new StuckDeliveryWatch(settler, delivery.stuckWarning(), DeliverySettings.STUCK_MARGIN);
        this.longJobs = new LongJobGuard(keeper::open, publisher, settings.nodeName(),
                delivery.brokerConsumerTimeout(), settings.publishTimeout());
        FailureHandler failures = new FailureHandler(settler, cluster.coordination(), events, settings.retryLevels());
        runner[0] = new JobRunner(endpoints, events, failures, settler, gate, settings.unknownTypeGrace(),
                () -> lastActivation, settings.nodeName(), cluster.coordination(), timer, this::runInContainer,
                settings.maxJobBytes(), settings.retryLevels(), longJobs, telemetry);
        this.runner = runner[0];
        this.partitions = new PartitionRegistry(() -> longJobs.watch(consumerChannels.open()), declarer, names,
                new JobDispatcher(workManager, runner[0], settler, settings.maxConcurrentJobs()),
                new PartitionRegistry.Gate() {
                    @Override
                    public boolean ready(String partition) {
                        return cluster.ready(partition);
                    }

                    @Override
                    public boolean paused(String partition, String queue) {
                        return cluster.paused(partition, queue);
                    }

                    @Override
                    public void runHere(java.util.Collection<String> ids) {
                        cluster.runHere(ids);
                    }
                }, this::reconcileSoon);
    }

    /** Runs short cluster work (cancels, waiter moves) on the container's threads. */
    private void runInContainer(Runnable task) {
        try {
            workManager.scheduleWork(new Work() {
                @Override
                public void run() {
                    task.run();
                }

                @Override
                public void release() {
                    // Short tasks: nothing to interrupt.
                }
            });
        } catch (WorkException e) {
            LOG.log(Level.WARNING, "The WorkManager refused Roger's cluster work; running it on this thread", e);
            task.run();
        }
    }

    private void reconcileNow() {
        try {
            partitions.reconcile();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Roger could not update its consumers; trying again on the next tick", e);
        }
    }

    /**
     * Reconciles off the caller's thread (the caller may be an AMQP dispatch thread or hold locks).
     * Requests made while one is pending share it, and it waits a moment to gather them: a
     * thousand partitions' states arriving over a few seconds need a few reconciles, not a
     * thousand back to back.
     */
    private void reconcileSoon() {
        if (!reconcilePending.compareAndSet(false, true)) {
            return;
        }
        try {
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
                    reconcilePending.set(false);
                    try {
                        partitions.reconcile();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Roger could not update its consumers; trying again on the next tick", e);
                    }
                }
            }, RECONCILE_GATHER_MILLIS);
        } catch (IllegalStateException stopped) {
            // The engine is stopping.
        }
    }

    public EngineSettings settings() {
        return settings;
    }

    public String brokerDescription() {
        return brokerDescription;
    }

    /** Connects (or keeps trying in the background) and starts the periodic reconcile. */
    public void start() {
        ticks = new TimerTask() {
            @Override
            public void run() {
                tick();
            }
        };
        timer.schedule(ticks, 0, TICK_MILLIS);
        recurringTicks = new TimerTask() {
            @Override
            public void run() {
                try {
                    cluster.recurringTick();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Roger could not ask for due recurring jobs", e);
                }
            }
        };
        // A tick of a recurring job is asked for within this much after it came due.
        timer.schedule(recurringTicks, 0, 100);
        longJobs.start();
        try {
            // SIGTERM: the container's own shutdown hook undeploys applications a moment later;
            // from the signal on, no job may start.
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException | SecurityException e) {
            LOG.log(Level.DEBUG, "No shutdown hook: {0}", e.getMessage());
        }
    }

    /** The JVM is shutting down: no job starts from now on, and consumption stops. */
    private void shutdownBegins() {
        Instant at = gate.close();
        ShutdownLog.info("Roger on node " + settings.nodeName() + ": shutdown began at " + at
                + "; no job starts from now on");
        ticks.cancel();
        if (recurringTicks != null) {
            recurringTicks.cancel();
        }
        partitions.stopAll();
    }

    private void tick() {
        // Finished jobs cancel their timeout tasks; without a purge those would stay queued
        // until their (possibly distant) time.
        timer.purge();
        stuck.check();
        try {
            if (keeper.tryConnect()) {
                partitions.reconcileIfUnsettled();
                cluster.tick(keeper.open());
                try {
                    droppedBuried.ensureOpen(keeper.open());
                } catch (java.io.IOException e) {
                    LOG.log(Level.WARNING, "Roger cannot watch for dropped buried jobs yet ({0})",
                            Errors.describe(e));
                }
                try {
                    // On the node's own connection, like the watch for dropped buried jobs: the
                    // consumer channels (channelsPerConnection) stay the partitions'.
                    deadLettered.ensureOpen(() -> keeper.open().createChannel());
                } catch (java.io.IOException e) {
                    LOG.log(Level.WARNING, "Roger cannot bury dead-lettered jobs yet ({0})", Errors.describe(e));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Roger's periodic check failed; trying again in 2 s", e);
        }
    }

    /**
     * Stops the node gracefully: no job starts from now on, consumption stops, running jobs get the
     * shutdown grace to finish, those still running are interrupted and put back to their queues,
     * the partition owners store their state and let go, then the connections close.
     */
    public void stop() {
        Instant began = gate.close();
        ticks.cancel();
        if (recurringTicks != null) {
            recurringTicks.cancel();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | SecurityException e) {
            // The JVM is shutting down: the hook has run or is running.
        }
        partitions.stopAll();
        deadLettered.close();
        drain(null, began.plus(delivery.shutdownGrace()), "node " + settings.nodeName());
        awaitSettled(Instant.now().plusSeconds(5));
        timer.cancel();
        longJobs.stop();
        metrics.close();
        cluster.close();
        droppedBuried.close();
        publisher.close();
        consumerChannels.close();
        keeper.close();
    }

    /**
     * Waits for the running jobs of {@code beanClass} (null: all) until {@code deadline}, then
     * interrupts and puts back those still running; logs what it did.
     */
    private void drain(Class<?> beanClass, Instant deadline, String what) {
        List<RunningJob> before;
        List<RunningJob> left;
        try {
            before = gate.awaitIdle(beanClass, Instant.now());
            left = gate.awaitIdle(beanClass, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            before = List.of();
            left = gate.runningNow(beanClass);
        }
        for (RunningJob job : left) {
            runner.putBackRunning(job);
        }
        // Put back: interrupted after the grace, or failed because the shutdown took their
        // container (e.g. the server rolled back their transaction on undeploy).
        long putBack = before.stream().filter(RunningJob::putBack).count();
        ShutdownLog.info("Roger stopping " + what + ": " + (before.size() - putBack) + " running jobs finished, "
                + putBack + " put back");
    }

    /** Gives put-backs and acks in flight a moment to be confirmed before the connections close. */
    private void awaitSettled(Instant deadline) {
        while (Instant.now().isBefore(deadline) && settler.settling()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Activates a bean: registers its job type and starts the partitions it declares.
     *
     * @throws NotSupportedException with a message naming the bean, the property and the value
     */
    public void activate(MessageEndpointFactory factory, RogerActivationSpec spec) throws NotSupportedException {
        try {
            ActivationConfig config = ActivationConfig.resolve(spec.getJobType(), spec.getQueue(), spec.getPartitions(),
                    factory.getEndpointClass(), settings.defaultPartition(), settings.defaultWorkers());
            synchronized (this) {
                endpoints.add(factory, config);
                try {
                    declarations.add(factory, config);
                } catch (InvalidActivationException e) {
                    endpoints.remove(factory);
                    throw e;
                }
                lastActivation = Instant.now();
                partitions.declare(declarations.merged());
            }
            config.recurring().ifPresent(job -> config.effectivePartitions()
                    .forEach(p -> cluster.declareRecurring(p.partition(), job)));
            LOG.log(Level.INFO, "Roger runs job type {0} in bean {1} (queue {2}; partitions {3})",
                    config.jobType(), config.bean(), config.queue(), config.effectivePartitions());
        } catch (InvalidActivationException e) {
            LOG.log(Level.ERROR, e.getMessage());
            throw new NotSupportedException(e.getMessage(), e);
        }
    }

    /**
     * Deactivates a bean (its application is undeployed or the node stops): no job of it starts
     * from now on, its type is no longer run here and its partitions stop unless others declare
     * them; its running jobs get the shutdown grace to finish, then are interrupted and put back.
     * Returns only then, so that the application's CDI and EJB containers are still there for
     * the jobs that finish.
     */
    public void deactivate(MessageEndpointFactory factory) {
        Class<?> bean = factory.getEndpointClass();
        gate.closeBean(bean);
        ShutdownLog.info("Roger stops running bean " + bean.getName() + ": no job of it starts from " + Instant.now());
        synchronized (this) {
            endpoints.remove(factory);
            declarations.remove(factory);
            // Jobs of the type arriving now go back to the queue during the grace, as for a
            // redeploy's new bean that is not activated yet.
            lastActivation = Instant.now();
            partitions.declare(declarations.merged());
        }
        Instant began = gate.closedAt();
        drain(bean, (began != null ? began : Instant.now()).plus(delivery.shutdownGrace()), "bean " + bean.getName());
        gate.forgetBean(bean);
    }

    /** Enqueues to the job's queue, else its type's queue (if a bean here runs the type), else {@code default}. */
    public Job enqueue(String partition, Job job) {
        return enqueueAll(partition, List.of(job)).get(0);
    }

    /**
     * Enqueues the jobs; inside the caller's JTA transaction they are published after it commits
     * (see {@link AfterCommitEnqueues}).
     */
    public List<Job> enqueueAll(String partition, List<Job> jobs) {
        long start = System.nanoTime();
        JobEnqueuer.Prepared batch;
        try {
            batch = enqueuer.prepare(partition, jobs, this::queueOf);
        } catch (RuntimeException e) {
            metrics.enqueues().enqueued(partition, jobs.size(), Duration.ofNanos(System.nanoTime() - start), e);
            throw e;
        }
        if (afterCommit.defer(enqueuer, batch, b -> publish(b, System.nanoTime()))) {
            return batch.jobs();
        }
        return publish(batch, start);
    }

    /**
     * Checks and encodes jobs for the outbox as {@link #enqueueAll} would, with the queue decided now;
     * takes no queue key and publishes nothing.
     */
    public List<String> encodeForOutbox(String partition, List<Job> jobs) {
        Names.requirePartition(partition);
        return jobs.stream().map(job -> new String(enqueuer.checkedBody(job.toBuilder().partition(partition)
                .queue(queueOf(job)).queuedAt(null).startedAt(null).build()), StandardCharsets.UTF_8)).toList();
    }

    /** Reads a body {@link #encodeForOutbox} wrote; IllegalArgumentException when it is not a job. */
    public Job decodeFromOutbox(String body) {
        try {
            return JobCodec.decode(body.getBytes(StandardCharsets.UTF_8));
        } catch (JobDecodeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private List<Job> publish(JobEnqueuer.Prepared batch, long start) {
        int n = batch.jobs().size();
        try {
            List<Job> sent = enqueuer.publish(batch);
            metrics.enqueues().enqueued(batch.partition(), n, Duration.ofNanos(System.nanoTime() - start), null);
            return sent;
        } catch (RuntimeException e) {
            metrics.enqueues().enqueued(batch.partition(), n, Duration.ofNanos(System.nanoTime() - start), e);
            throw e;
        }
    }

    /**
     * Makes enqueues inside a JTA transaction publish after its commit ({@code null}: always at once).
     * Set once, right after construction.
     */
    public void enqueueAfterCommit(jakarta.transaction.TransactionSynchronizationRegistry registry) {
        this.afterCommit = new AfterCommitEnqueues(registry);
    }

    /** The jobs of recurring ticks this node fires as their partition's owner: at once, never after a commit. */
    private void enqueueRecurring(String partition, List<Job> jobs) {
        publish(enqueuer.prepare(partition, jobs, this::queueOf), System.nanoTime());
    }

    /** The node's metrics (off: nothing to scrape). */
    public NodeMetrics metrics() {
        return metrics;
    }

    /** Liveness and readiness, for the console's health endpoints. */
    public NodeHealth health() {
        return NodeHealthCheck.of(keeper.isOpen(), gate.closedAt(), partitions.describe(events.counts()), partitions.waiting());
    }

    /** What the gauges read, at each scrape. */
    private final class EngineState implements NodeState {
        @Override
        public boolean connected() {
            return keeper.isOpen();
        }

        @Override
        public int running() {
            return gate.runningNow(null).size();
        }

        @Override
        public int slotsInUse() {
            return settler.inFlight();
        }

        @Override
        public int slots() {
            if (settings.maxConcurrentJobs() > 0) {
                return settings.maxConcurrentJobs();
            }
            return partitions.running().stream().mapToInt(s -> s.queues().values().stream().mapToInt(Integer::intValue)
                    .sum()).sum();
        }

        @Override
        public List<dev.roger.api.admin.PartitionInfo> partitions() {
            return partitions.describe(events.counts());
        }

        @Override
        public String queueName(String partition, String queue) {
            return settings.names().mainQueue(partition, queue);
        }
    }

    private String queueOf(Job job) {
        return job.queue().orElseGet(() -> endpoints.find(job.type())
                .map(e -> e.config().queue()).orElse(Names.DEFAULT_QUEUE));
    }

    public void startPartition(PartitionSpec spec) {
        requireQueues(spec);
        partitions.start(spec);
    }

    public void reconfigurePartition(PartitionSpec spec) {
        requireQueues(spec);
        partitions.reconfigure(spec);
    }

    public void stopPartition(String partition) {
        partitions.stop(partition);
    }

    public List<PartitionSpec> runningPartitions() {
        return partitions.running();
    }

    public void registerApplication(ClassLoader application, JobEventSink sink) {
        events.register(application, sink);
    }

    public void unregisterApplication(ClassLoader application) {
        events.unregister(application);
    }

    /** An application hands over the OpenTelemetry its jobs' spans go to; false when it is not usable here. */
    public boolean registerTelemetry(ClassLoader application, Object openTelemetry) {
        return telemetry.register(application, openTelemetry);
    }

    public void unregisterTelemetry(ClassLoader application) {
        telemetry.unregister(application);
    }

    /** An application's startup singleton offers to hold the global state of this node's partitions. */
    public void registerStateHost(ClassLoader application, GlobalStateHost host) {
        cluster.registerHost(application, host);
        // Bid for ownership now rather than on the next tick: partitions wait for their state.
        tickSoon();
    }

    /**
     * Runs a tick soon; requests made while one is pending share it (a thousand partitions started
     * one after another asked for a thousand ticks, each a pass over all of them).
     */
    private void tickSoon() {
        if (!tickPending.compareAndSet(false, true)) {
            return;
        }
        try {
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
                    tickPending.set(false);
                    tick();
                }
            }, 0);
        } catch (IllegalStateException stopped) {
            // The engine is stopping: no more ticks.
        }
    }

    public void unregisterStateHost(ClassLoader application) {
        cluster.unregisterHost(application);
    }

    public BuriedQueues buried() {
        return buried;
    }

    /** The operators' operations, with this node's partitions operated in place. */
    public RogerAdmin admin() {
        return admin;
    }

    /**
     * Stops a partition on this node, if it runs here, and waits up to {@code timeout} until none
     * of its deliveries is held: running jobs finished, prefetched ones went back to the queue.
     */
    dev.roger.api.admin.SafeStopResult.NodeStop safeStop(String partition, Duration timeout) {
        boolean wasRunning = partitions.isRunning(partition);
        if (wasRunning) {
            partitions.stop(partition);
        }
        int before = runningOf(partition);
        Instant deadline = Instant.now().plus(timeout);
        try {
            // A job's delivery is settled before its run leaves the gate (events and coordination
            // come after the ack), so both must be empty before the partition counts as drained.
            while ((settler.inFlight(partition) > 0 || runningOf(partition) > 0) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int still = runningOf(partition);
        if (wasRunning) {
            LOG.log(Level.INFO, "Partition {0} stopped safely on node {1}: {2} running jobs finished, {3} still running",
                    partition, settings.nodeName(), Math.max(0, before - still), still);
        }
        return new dev.roger.api.admin.SafeStopResult.NodeStop(settings.nodeName(), wasRunning,
                Math.max(0, before - still), still);
    }

    private int runningOf(String partition) {
        return (int) gate.runningNow(null).stream().filter(j -> j.partition().equals(partition)).count();
    }

    /** What this node says of itself to {@code info}. */
    NodeInfo describe() {
        Instant now = Instant.now();
        return new NodeInfo(settings.nodeName(), NodeDescription.version(), NodeDescription.server(), startedAt,
                keeper.isOpen(), settings.maxConcurrentJobs(), settler.inFlight(), events.counts().snapshot(),
                partitions.describe(events.counts()), partitions.waiting(),
                NodeDescription.running(gate.runningNow(null), settings.nodeName(), now));
    }

    /** The retry delays this node's jobs use: their queues' retry queues are named after them. */
    private List<Long> retryDelays() {
        java.util.Set<Long> delays = new java.util.TreeSet<>(endpoints.typeRetryDelays());
        settings.retryLevels().levels().forEach(l -> delays.add(l.longValue()));
        return List.copyOf(delays);
    }

    /** Info and the partition commands, sent to this node over the control channel. */
    private jakarta.json.JsonValue nodeCommand(ControlCommand command) {
        return switch (command.command()) {
            case ControlCommand.INFO -> ClusterAdmin.describe(describe(), retryDelays(), declarer.recentRetryQueues());
            case ControlCommand.START_PARTITION -> {
                startPartition(PartitionSpec.parse(command.spec()));
                yield null;
            }
            case ControlCommand.RECONFIGURE_PARTITION -> {
                reconfigurePartition(PartitionSpec.parse(command.spec()));
                yield null;
            }
            case ControlCommand.STOP_PARTITION -> {
                stopPartition(command.partition());
                yield null;
            }
            case ControlCommand.SAFE_STOP -> {
                boolean runsHere = partitions.isRunning(command.partition());
                if (!runsHere && command.node() != null) {
                    throw new dev.roger.api.PartitionNotRunningException(command.partition());
                }
                yield ClusterAdmin.describe(safeStop(command.partition(), Duration.ofMillis(command.waitMillis())));
            }
            case ControlCommand.RECURRING -> {
                cluster.recurringChanged(command.partition());
                yield null;
            }
            case ControlCommand.RUNNING_PARTITIONS -> {
                jakarta.json.JsonArrayBuilder specs = jakarta.json.Json.createArrayBuilder();
                runningPartitions().forEach(spec -> specs.add(spec.toString()));
                yield specs.build();
            }
            default -> throw new UnsupportedOperationException(command.command());
        };
    }

    public ClusterClient cluster() {
        return cluster.client();
    }

    private static void requireQueues(PartitionSpec spec) {
        if (spec.queues().isEmpty()) {
            throw new IllegalArgumentException("Partition '" + spec.partition()
                    + "' has no queues; to stop it, use stopPartition");
        }
    }
}
