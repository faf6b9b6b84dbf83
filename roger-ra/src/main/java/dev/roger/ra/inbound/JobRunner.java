package dev.roger.ra.inbound;

import dev.roger.api.Job;
import dev.roger.api.JobTimeoutException;
import dev.roger.api.RogerException;
import dev.roger.api.RogerJobListener;
import dev.roger.api.event.AfterRun;
import dev.roger.api.event.BeforeRun;
import dev.roger.api.StateUnavailableException;
import dev.roger.api.event.JobCancelled;
import dev.roger.client.wire.JobCodec;
import dev.roger.client.wire.JobDecodeException;
import dev.roger.ra.tracing.ApplicationTelemetry;
import dev.roger.ra.tracing.JobSpan;
import dev.roger.state.StateReply;
import io.opentelemetry.context.Scope;
import jakarta.ejb.EJBException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.Timer;
import java.util.TimerTask;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one delivery to its end and decides its outcome: decode and check it, find the bean of
 * the job's type, admit it past the global state and the {@link RunGate}, fire the lifecycle
 * events around the bean, and hand the outcome to the {@link Settler} (the only class that
 * settles). Bad input is buried with its reason, never dropped and never requeued in a loop; a
 * job that fails while its node or bean is shutting down is put back, not counted as a failure;
 * anything unexpected on the way still ends in a settlement ({@link #unexpected}).
 */
public final class JobRunner {

    private static final System.Logger LOG = System.getLogger(JobRunner.class.getName());

    private static final java.lang.reflect.Method ON_JOB;

    static {
        try {
            ON_JOB = RogerJobListener.class.getMethod("onJob", Job.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Deliveries that ended without an ack before a job counts as killing its worker. */
    static final int MAX_UNFINISHED_DELIVERIES = 5;

    private final EndpointRegistry endpoints;
    private final ApplicationEvents events;
    private final FailureHandler failures;
    private final Settler settler;
    private final RunGate gate;
    private final Timer timer;
    private final Consumer<Runnable> container;
    private final Duration unknownTypeGrace;
    private final Supplier<Instant> lastActivation;
    private final String node;
    private final Coordination coordination;
    private final int maxJobBytes;
    private final RetrySchedule defaultLevels;
    private final RunOnce runOnce;
    private final LongJobGuard longJobs;
    private final ApplicationTelemetry telemetry;

    /**
     * @param failures  what to do with failed attempts
     * @param timer     runs the maximum-execution-time watches
     * @param container runs a timed-out job's outcome on a container thread (not the job's, which is
     *                  still in the bean)
     * @param lastActivation the last bean activation or deactivation: jobs of unknown types wait for a grace after it
     * @param longJobs  detaches jobs that run longer than the broker's consumer timeout from their deliveries
     * @param telemetry records each run's span with the OpenTelemetry of the bean's application
     */
    public JobRunner(EndpointRegistry endpoints, ApplicationEvents events, FailureHandler failures, Settler settler,
                     RunGate gate, Duration unknownTypeGrace, Supplier<Instant> lastActivation, String node,
                     Coordination coordination, Timer timer, Consumer<Runnable> container, int maxJobBytes,
                     RetrySchedule defaultLevels, LongJobGuard longJobs, ApplicationTelemetry telemetry) {
        this.longJobs = longJobs;
        this.telemetry = telemetry;
        this.coordination = coordination;
        this.runOnce = new RunOnce(coordination, settler);
        this.endpoints = endpoints;
        this.events = events;
        this.failures = failures;
        this.settler = settler;
        this.gate = gate;
        this.timer = timer;
        this.container = container;
        this.unknownTypeGrace = unknownTypeGrace;
        this.lastActivation = lastActivation;
        this.node = node;
        this.maxJobBytes = maxJobBytes;
        this.defaultLevels = defaultLevels;
    }

    void run(Delivery delivery) {
        delivery.stage("checking the job");
        if (delivery.consumerLost()) {
            // The broker has the message back and gives it out again: a copy would be a second one.
            settler.leave(delivery, "the broker cancelled its consumer or closed its channel before the job started");
            return;
        }
        if (delivery.consumerStopping()) {
            // Paused or stopped before it started: back to its queue for another consumer.
            settler.putBack(delivery, Duration.ZERO, "its consumer stopped before the job started");
            return;
        }
        if (!longJobs.admit(delivery)) {
            settler.putBack(delivery, Duration.ofSeconds(1), "its queue's workers on this node are all busy, some "
                    + "with long jobs detached from their deliveries");
            return;
        }
        String headerProblem = MessageHeaders.problem(delivery.properties());
        if (headerProblem != null) {
            buryBadInput(delivery, null, delivery.messageId(), headerProblem);
            return;
        }
        Job job;
        try {
            job = JobCodec.decode(delivery.body(), maxJobBytes);
        } catch (JobDecodeException e) {
            String id = e.jobId() != null ? e.jobId() : delivery.messageId();
            buryBadInput(delivery, null, id, "undecodable job: " + e.getMessage());
            return;
        }
        delivery.jobId(job.id());
        EndpointRegistry.Endpoint endpoint = endpoints.find(job.type()).orElse(null);
        if (endpoint == null) {
            unknownType(delivery, job);
            return;
        }
        Class<?> beanClass = endpoint.factory().getEndpointClass();
        if (!events.registered(beanClass) && inGrace()) {
            // Beans activate before the application's startup singleton registers for events:
            // a job run now would have no lifecycle events. Apps without the glue wait out the grace once.
            settler.putBack(delivery, Duration.ofSeconds(1), "its application has not registered for events yet");
            return;
        }
        ActivationConfig.FailurePolicy policy = endpoint.config().failures();
        RetrySchedule levels = policy.retryLevels() != null ? policy.retryLevels() : defaultLevels;
        if (job.retryCount() > levels.levels().size()) {
            buryBadInput(delivery, job, job.id(), "retryCount " + job.retryCount() + " is beyond the "
                    + levels.levels().size() + " retry levels of job type '" + job.type() + "'");
            return;
        }
        // Where the job was consumed is the truth, whatever its body says.
        Job consumed = job.toBuilder().partition(delivery.partition()).queue(delivery.queue()).build();
        if (delivery.deliveryCount() > MAX_UNFINISHED_DELIVERIES) {
            // Roger's own put-backs republish, so only deliveries that ended without an ack (the
            // node died, the connection dropped) count: the job keeps killing its worker.
            failures.failed(new RunningJob(delivery.partition(), consumed, beanClass, delivery, Thread.currentThread()),
                    policy, new RogerException("Job " + consumed.id() + " was delivered "
                            + (delivery.deliveryCount() + 1) + " times without finishing: its node died or lost its "
                            + "connection while running it each time"));
            return;
        }
        delivery.stage("asking the partition's state owner");
        if (admit(delivery, beanClass, consumed)) {
            execute(delivery, endpoint, consumed.toBuilder().startedAt(Instant.now()).build());
        }
    }

    /**
     * The last resort for a {@link Throwable} nobody expected between the delivery and its
     * settlement: the delivery still ends in an outcome. While the node or bean shuts down it
     * goes back to its queue; otherwise it is buried with the error, so it can neither loop nor
     * hold a worker slot.
     */
    void unexpected(Delivery delivery, Throwable error) {
        if (!settler.open(delivery)) {
            LOG.log(Level.WARNING, "Job " + delivery.jobId() + ": unexpected error after its outcome was decided", error);
            return;
        }
        if (gate.closedAt() != null) {
            LOG.log(Level.INFO, "Job {0} goes back to its queue: the node is shutting down ({1})", delivery.jobId(),
                    String.valueOf(error));
            settler.putBack(delivery, Duration.ZERO, "unexpected error during shutdown");
            return;
        }
        LOG.log(Level.WARNING, "Job " + delivery.jobId() + " from " + delivery.partition() + "-" + delivery.queue()
                + " met an unexpected error in Roger at '" + delivery.stage() + "' and is buried", error);
        failures.bury(delivery, delivery.body(), null, "Roger could not handle the delivery: " + error, null, 0);
    }

    /**
     * The global-state checks before a job runs: a cancelled job is dropped, a job whose execution
     * key is held goes to the key's waiting queue. When the owner is away the job goes back to its
     * queue for a later try (never treated as cancelled or duplicate).
     */
    private boolean admit(Delivery delivery, Class<?> beanClass, Job job) {
        String partition = delivery.partition();
        boolean runGranted = false;
        try {
            if (coordination.cancelledLocally(partition, job.id())) {
                StateReply.Status seen = coordination.consumeCancel(partition, job.id());
                if (seen != StateReply.Status.NONE) {
                    coordination.release(partition, job);
                    settler.ack(delivery);
                    LOG.log(Level.INFO, "Job {0} of type {1} in partition {2} was cancelled; dropped",
                            job.id(), job.type(), partition);
                    if (seen == StateReply.Status.FIRST) {
                        events.fire(beanClass, new JobCancelled(partition, job, false));
                    }
                    return false;
                }
            }
            if (job.idempotent() && !(runGranted = runOnce.admit(delivery, job))) {
                return false;
            }
            if (job.executionKey().isPresent() && !coordination.acquireExecutionKey(partition, job)) {
                coordination.putWaiting(partition, job, JobCodec.encode(job));
                settler.ack(delivery);
                LOG.log(Level.DEBUG, "Job {0} waits for execution key {1}", job.id(), job.executionKey().get());
                return false;
            }
            return true;
        } catch (StateUnavailableException e) {
            LOG.log(Level.INFO, "Job {0} in partition {1} goes back to its queue for a later try: {2}",
                    job.id(), partition, e.getMessage());
        } catch (IOException | TimeoutException | RuntimeException e) {
            // Only the waiting-queue publish gets here: the key was refused, so nothing is held.
            LOG.log(Level.WARNING, "Job {0} could not be put in the waiting queue of execution key {1} ({2}); "
                    + "it goes back to its queue", job.id(), job.executionKey().orElse("?"), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            settler.putBack(delivery, Duration.ZERO, "interrupted while asking the state owner");
            return false;
        }
        if (runGranted) {
            coordination.abandonRun(partition, job);
        }
        settler.putBack(delivery, Duration.ofSeconds(1), "its partition's state owner is not available");
        return false;
    }

    private void execute(Delivery delivery, EndpointRegistry.Endpoint endpoint, Job job) {
        String partition = delivery.partition();
        Class<?> beanClass = endpoint.factory().getEndpointClass();
        ActivationConfig.FailurePolicy policy = endpoint.config().failures();
        RunningJob running = new RunningJob(partition, job, beanClass, delivery, Thread.currentThread());
        if (!gate.enter(running)) {
            // From the moment shutdown begins no job starts.
            giveBackForPutBack(partition, job);
            settler.putBack(delivery, Duration.ZERO, "its node or bean is shutting down");
            return;
        }
        try {
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "Running {0} in partition {1} with args {2}", job, partition, job.argsJson());
            }
            coordination.started(running);
            TimerTask timeout = watch(running, policy);
            try {
                execute(endpoint, running, policy);
            } finally {
                if (timeout != null) {
                    timeout.cancel();
                }
                coordination.ended(running);
            }
        } finally {
            gate.exit(running);
        }
    }

    private void execute(EndpointRegistry.Endpoint endpoint, RunningJob running,
                         ActivationConfig.FailurePolicy policy) {
        String partition = running.partition();
        Job job = running.job();
        Delivery delivery = running.delivery();
        Class<?> beanClass = running.beanClass();
        if (!running.enterBean()) {
            return;
        }
        delivery.stage("running in bean " + beanClass.getName());
        events.fire(beanClass, new BeforeRun(partition, job));
        long start = System.nanoTime();
        Throwable failure = null;
        JobSpan span = JobSpan.start(telemetry.forBean(beanClass),
                delivery.properties() == null ? null : delivery.properties().getHeaders(), partition,
                delivery.mainQueue(), job);
        // A retry copy of this attempt carries it, so that later attempts can link to the first.
        delivery.attempt(span);
        try (Scope ignored = span.makeCurrent()) {
            invoke(endpoint, job);
        } catch (Throwable t) {
            // Every throwable is a failed attempt, errors included: a job that keeps killing its
            // worker ends buried after its attempts instead of looping.
            failure = unwrap(t);
        }
        span.end(failure);
        if (!running.leaveBean()) {
            LOG.log(Level.INFO, "Job {0} in partition {1} returned after it was cancelled, timed out or put back "
                    + "by the shutdown; its result is ignored", job.id(), partition);
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (failure == null) {
            // Keys go back before the ack: if this node dies in between, the job runs again
            // (at-least-once) rather than leaving its keys held for ever.
            coordination.release(partition, job);
            settler.ack(delivery);
            events.fire(beanClass, new AfterRun(partition, job, took));
            return;
        }
        if (gate.closing(beanClass)) {
            // CDI contexts, the EJB container and the job's thread go away under a running job
            // during a shutdown or undeploy: that failure says nothing about the job.
            LOG.log(Level.INFO, "Job {0} of type {1} in partition {2} failed while its node or bean was shutting "
                    + "down ({3}); it goes back to its queue and does not count as a failed attempt", job.id(),
                    job.type(), partition, String.valueOf(failure));
            giveBackForPutBack(partition, job);
            running.markPutBack();
            settler.putBack(delivery, Duration.ZERO, "failed during shutdown");
            return;
        }
        failures.failed(running, policy, failure);
        if (failure instanceof VirtualMachineError vme && !(vme instanceof StackOverflowError)) {
            throw vme;
        }
    }

    /** A job going back to its queue without running to the end keeps its queue key and nothing else. */
    private void giveBackForPutBack(String partition, Job job) {
        coordination.releaseExecutionKey(partition, job);
        if (job.idempotent()) {
            coordination.abandonRun(partition, job);
        }
    }

    /**
     * The shutdown grace is over and the job still runs: interrupts it and puts it back to its
     * queue, not as a failed attempt; its late result is ignored.
     *
     * @return whether this call put it back (false: it had just ended)
     */
    public boolean putBackRunning(RunningJob running) {
        if (!running.takeOver()) {
            return false;
        }
        giveBackForPutBack(running.partition(), running.job());
        running.markPutBack();
        settler.putBack(running.delivery(), Duration.ZERO, "still running when the shutdown grace ended");
        return true;
    }

    /** Interrupts the job when it runs over its (or its type's) maximum execution time; null when it has none. */
    private TimerTask watch(RunningJob running, ActivationConfig.FailurePolicy policy) {
        Duration limit = running.job().maxExecutionTime().orElse(policy.maxExecutionTime());
        if (limit == null) {
            return null;
        }
        running.delivery().limit(limit);
        TimerTask task = new TimerTask() {
            @Override
            public void run() {
                if (running.takeOver()) {
                    LOG.log(Level.WARNING, "Job {0} of type {1} in partition {2} ran over its {3} ms limit; "
                            + "its thread was interrupted", running.job().id(), running.job().type(),
                            running.partition(), limit.toMillis());
                    container.accept(() -> failures.failed(running, policy,
                            new JobTimeoutException(running.job().id(), limit)));
                }
            }
        };
        timer.schedule(task, Math.max(1, limit.toMillis()));
        return task;
    }

    /**
     * Cancels a job running on this node: interrupts its bean and records the outcome at once
     * (keys released, delivery acked, {@link JobCancelled} fired); a result the bean still returns
     * later is ignored. Runs on a container thread, not the job's.
     */
    public void cancelRunning(RunningJob running) {
        if (!running.takeOver()) {
            return;
        }
        String partition = running.partition();
        Job job = running.job();
        StateReply.Status seen;
        try {
            seen = coordination.consumeCancel(partition, job.id());
        } catch (StateUnavailableException e) {
            // The cancel was recorded by the owner before it was sent here; it stays there until
            // the retention ends, which only drops copies of a job that no longer runs.
            seen = StateReply.Status.FIRST;
        }
        coordination.release(partition, job);
        settler.ack(running.delivery());
        LOG.log(Level.INFO, "Job {0} of type {1} in partition {2} was cancelled while running; its thread was "
                + "interrupted", job.id(), job.type(), partition);
        if (seen != StateReply.Status.AGAIN) {
            events.fire(running.beanClass(), new JobCancelled(partition, job, true));
        }
    }

    /**
     * Runs the bean inside beforeDelivery/afterDelivery, so that the container's transaction (if
     * the bean has one) is open on this thread long enough to learn whether it commits: servers
     * log a failed commit without telling the caller.
     */
    private static void invoke(EndpointRegistry.Endpoint endpoint, Job job) throws Exception {
        MessageEndpoint ep = endpoint.pool().take();
        boolean clean = false;
        try {
            ep.beforeDelivery(ON_JOB);
            TransactionOutcome transaction = TransactionOutcome.watchCurrent();
            try {
                ((RogerJobListener) ep).onJob(job);
            } finally {
                ep.afterDelivery();
            }
            clean = true;
            if (transaction != null && transaction.rolledBack()) {
                throw new RogerException("The container rolled back the transaction job " + job.id()
                        + " ran in (at commit): nothing it did in it was kept");
            }
        } finally {
            endpoint.pool().giveBack(ep, clean);
        }
    }

    private boolean inGrace() {
        Instant last = lastActivation.get();
        return last != null && Instant.now().isBefore(last.plus(unknownTypeGrace));
    }

    private void unknownType(Delivery delivery, Job job) {
        if (inGrace()) {
            // Other beans of the deployment may not be activated yet: give them a moment.
            LOG.log(Level.DEBUG, "No bean for job type {0} yet; job {1} goes back to its queue", job.type(), job.id());
            settler.putBack(delivery, Duration.ofSeconds(1), "no bean runs its type yet");
            return;
        }
        buryBadInput(delivery, job, job.id(), "unknown job type '" + job.type() + "': no message-driven bean on node "
                + node + " runs it");
    }

    /** Buries what cannot run; {@code job} is null when the message could not be decoded. */
    private void buryBadInput(Delivery delivery, Job job, String jobId, String reason) {
        String messageId = delivery.messageId();
        String who = jobId == null ? "with message id " + messageId
                : messageId != null && !messageId.equals(jobId) ? jobId + " (message id " + messageId + ")" : jobId;
        LOG.log(Level.WARNING, "Job {0} from {1}-{2} cannot run and is buried: {3}",
                who, delivery.partition(), delivery.queue(), reason);
        failures.bury(delivery, delivery.body(), job, reason, null, 0);
    }

    /** The bean's own exception, without the container's wrappers. */
    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current
                && (current instanceof EJBException || current instanceof UndeclaredThrowableException
                || current instanceof InvocationTargetException
                || current.getClass().getName().endsWith("TransactionRolledbackLocalException"))) {
            current = current.getCause();
        }
        return current;
    }
}
