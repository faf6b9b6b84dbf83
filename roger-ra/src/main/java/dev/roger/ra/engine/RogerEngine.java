package dev.roger.ra.engine;

import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.api.PartitionSpec;
import dev.roger.api.spi.GlobalStateHost;
import dev.roger.api.spi.JobEventSink;
import dev.roger.client.cluster.ClusterClient;
import dev.roger.ra.cluster.Cluster;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import dev.roger.client.BuriedQueues;
import dev.roger.client.JobEnqueuer;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.ra.inbound.ActivationConfig;
import dev.roger.ra.inbound.ApplicationEvents;
import dev.roger.ra.inbound.Burier;
import dev.roger.ra.inbound.DelayedRequeue;
import dev.roger.ra.inbound.DroppedBuriedLog;
import dev.roger.ra.inbound.EndpointRegistry;
import dev.roger.ra.inbound.FailureHandler;
import dev.roger.ra.inbound.Retrier;
import dev.roger.ra.inbound.RetrySchedule;
import dev.roger.ra.inbound.InvalidActivationException;
import dev.roger.ra.inbound.JobDispatcher;
import dev.roger.ra.inbound.JobRunner;
import dev.roger.ra.inbound.RogerActivationSpec;
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
    private final EndpointRegistry endpoints = new EndpointRegistry();
    private final PartitionDeclarations declarations = new PartitionDeclarations();
    private final ApplicationEvents events = new ApplicationEvents();
    private final PartitionRegistry partitions;
    private final Cluster cluster;
    private final DroppedBuriedLog droppedBuried;
    private final BuriedQueues buried;
    private final WorkManager workManager;
    private volatile Instant lastActivation;
    private final java.util.concurrent.atomic.AtomicBoolean reconcilePending = new java.util.concurrent.atomic.AtomicBoolean();

    public RogerEngine(AmqpSettings amqp, EngineSettings settings, WorkManager workManager, Timer timer) {
        Names.requirePartition(settings.defaultPartition());
        this.settings = settings;
        this.timer = timer;
        this.brokerDescription = amqp.describe();
        com.rabbitmq.client.ConnectionFactory connections = amqp.newConnectionFactory();
        this.keeper = new ConnectionKeeper(connections, "roger@" + settings.nodeName(), brokerDescription);
        this.consumerChannels = new ConsumerChannels(keeper::open, connections, "roger@" + settings.nodeName(),
                settings.channelsPerConnection());
        this.publisher = new ConfirmPublisher(keeper::open, settings.publishTimeout());
        this.workManager = workManager;
        BrokerNames names = settings.names();
        QueueDeclarer declarer = new QueueDeclarer(publisher, settings.queueType(), settings.buriedMaxLength(),
                settings.buriedMaxAge(), names);
        this.droppedBuried = new DroppedBuriedLog(names.buriedDropped());
        JobRunner[] runner = new JobRunner[1];
        this.cluster = new Cluster(settings.nodeName(), keeper::open, publisher, declarer, settings.stateTimeout(),
                this::runInContainer, this::reconcileSoon, this::reconcileNow, this::tickSoon,
                running -> runInContainer(() -> runner[0].cancelRunning(running)), names);
        this.enqueuer = new JobEnqueuer(publisher, declarer, cluster.client(), names, settings.maxJobBytes(),
                brokerDescription);
        DelayedRequeue requeue = new DelayedRequeue(timer, Duration.ofSeconds(1), publisher, this::runInContainer);
        this.buried = new BuriedQueues(keeper::open, declarer, names);
        FailureHandler failures = new FailureHandler(new Burier(publisher, declarer, settings.nodeName()),
                new Retrier(publisher, declarer, settings.nodeName()), cluster.coordination(), events, requeue,
                settings.retryLevels());
        runner[0] = new JobRunner(endpoints, events, failures, requeue, settings.unknownTypeGrace(),
                () -> lastActivation, settings.nodeName(), cluster.coordination(), timer, this::runInContainer);
        this.partitions = new PartitionRegistry(consumerChannels::open, declarer, names,
                new JobDispatcher(workManager, runner[0], requeue, settings.maxConcurrentJobs()),
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
                });
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
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                tick();
            }
        }, 0, TICK_MILLIS);
    }

    private void tick() {
        // Finished jobs cancel their timeout tasks; without a purge those would stay queued
        // until their (possibly distant) time.
        timer.purge();
        try {
            if (keeper.tryConnect()) {
                partitions.reconcile();
                cluster.tick(keeper.open());
                try {
                    droppedBuried.ensureOpen(keeper.open());
                } catch (java.io.IOException e) {
                    LOG.log(Level.WARNING, "Roger cannot watch for dropped buried jobs yet ({0})", e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Roger's periodic check failed; trying again in 2 s", e);
        }
    }

    /** Stops consuming, then closes the connection. Jobs in progress are redelivered if they had not finished. */
    public void stop() {
        timer.cancel();
        partitions.stopAll();
        cluster.close();
        droppedBuried.close();
        publisher.close();
        consumerChannels.close();
        keeper.close();
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
            LOG.log(Level.INFO, "Roger runs job type {0} in bean {1} (queue {2}; partitions {3})",
                    config.jobType(), config.bean(), config.queue(), config.effectivePartitions());
        } catch (InvalidActivationException e) {
            LOG.log(Level.ERROR, e.getMessage());
            throw new NotSupportedException(e.getMessage(), e);
        }
    }

    /** Deactivates a bean: its type is no longer run here and its partitions stop unless others declare them. */
    public synchronized void deactivate(MessageEndpointFactory factory) {
        endpoints.remove(factory);
        declarations.remove(factory);
        partitions.declare(declarations.merged());
    }

    /** Enqueues to the job's queue, else its type's queue (if a bean here runs the type), else {@code default}. */
    public Job enqueue(String partition, Job job) {
        return enqueuer.enqueue(partition, job, queueOf(job));
    }

    public List<Job> enqueueAll(String partition, List<Job> jobs) {
        return enqueuer.enqueueAll(partition, jobs, this::queueOf);
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

    /** An application's startup singleton offers to hold the global state of this node's partitions. */
    public void registerStateHost(ClassLoader application, GlobalStateHost host) {
        cluster.registerHost(application, host);
        // Bid for ownership now rather than on the next tick: partitions wait for their state.
        tickSoon();
    }

    private void tickSoon() {
        try {
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
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
