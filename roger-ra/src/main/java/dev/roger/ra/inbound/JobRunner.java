package dev.roger.ra.inbound;

import dev.roger.api.Job;
import dev.roger.api.RogerJobListener;
import dev.roger.api.event.AfterRun;
import dev.roger.api.event.BeforeRun;
import dev.roger.api.StateUnavailableException;
import dev.roger.api.event.JobBuried;
import dev.roger.api.event.JobCancelled;
import dev.roger.api.event.JobError;
import dev.roger.client.wire.JobCodec;
import dev.roger.client.wire.JobDecodeException;
import dev.roger.state.StateReply;
import jakarta.ejb.EJBException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one delivery to its end: decode, find the bean of the job's type, fire the lifecycle
 * events around the bean, and settle the delivery only once the outcome is recorded (ack after
 * success; bury with a confirm, then ack, after a failure). Bad input is buried too, never
 * dropped and never requeued in a loop.
 */
public final class JobRunner {

    private static final System.Logger LOG = System.getLogger(JobRunner.class.getName());

    private final EndpointRegistry endpoints;
    private final ApplicationEvents events;
    private final Burier burier;
    private final DelayedRequeue requeue;
    private final Duration unknownTypeGrace;
    private final Supplier<Instant> lastActivation;
    private final String node;
    private final Coordination coordination;

    public JobRunner(EndpointRegistry endpoints, ApplicationEvents events, Burier burier, DelayedRequeue requeue,
                     Duration unknownTypeGrace, Supplier<Instant> lastActivation, String node,
                     Coordination coordination) {
        this.coordination = coordination;
        this.endpoints = endpoints;
        this.events = events;
        this.burier = burier;
        this.requeue = requeue;
        this.unknownTypeGrace = unknownTypeGrace;
        this.lastActivation = lastActivation;
        this.node = node;
    }

    void run(Delivery delivery) {
        if (delivery.consumerStopping()) {
            delivery.requeue();
            return;
        }
        Job job;
        try {
            job = JobCodec.decode(delivery.body());
        } catch (JobDecodeException e) {
            String id = e.jobId() != null ? e.jobId() : delivery.messageId();
            buryBadInput(delivery, null, id, "undecodable job: " + e.getMessage());
            return;
        }
        EndpointRegistry.Endpoint endpoint = endpoints.find(job.type()).orElse(null);
        if (endpoint == null) {
            unknownType(delivery, job);
            return;
        }
        if (!events.registered(endpoint.factory().getEndpointClass()) && inGrace()) {
            // Beans activate before the application's startup singleton registers for events:
            // a job run now would have no lifecycle events. Apps without the glue wait out the grace once.
            requeue.requeue(delivery);
            return;
        }
        // Where the job was consumed is the truth, whatever its body says.
        Job consumed = job.toBuilder().partition(delivery.partition()).queue(delivery.queue())
                .startedAt(Instant.now()).build();
        Class<?> beanClass = endpoint.factory().getEndpointClass();
        if (admit(delivery, beanClass, consumed)) {
            execute(delivery, endpoint, consumed);
        }
    }

    /**
     * The global-state checks before a job runs: a cancelled job is dropped, a job whose execution
     * key is held goes to the key's waiting queue. When the owner is away the job goes back to its
     * queue for a later try (never treated as cancelled or duplicate).
     */
    private boolean admit(Delivery delivery, Class<?> beanClass, Job job) {
        String partition = delivery.partition();
        try {
            if (coordination.cancelledLocally(partition, job.id())) {
                StateReply.Status seen = coordination.consumeCancel(partition, job.id());
                if (seen != StateReply.Status.NONE) {
                    coordination.release(partition, job);
                    delivery.ack();
                    LOG.log(Level.INFO, "Job {0} of type {1} in partition {2} was cancelled; dropped",
                            job.id(), job.type(), partition);
                    if (seen == StateReply.Status.FIRST) {
                        events.fire(beanClass, new JobCancelled(partition, job, false));
                    }
                    return false;
                }
            }
            if (job.executionKey().isPresent() && !coordination.acquireExecutionKey(partition, job)) {
                coordination.putWaiting(partition, job, JobCodec.encode(job));
                delivery.ack();
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
            delivery.requeue();
            return false;
        }
        requeue.requeue(delivery);
        return false;
    }

    private void execute(Delivery delivery, EndpointRegistry.Endpoint endpoint, Job job) {
        String partition = delivery.partition();
        Class<?> beanClass = endpoint.factory().getEndpointClass();
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "Running {0} in partition {1} with args {2}", job, partition, job.argsJson());
        }
        RunningJob running = new RunningJob(partition, job, beanClass, delivery, Thread.currentThread());
        coordination.started(running);
        try {
            execute(delivery, endpoint, job, running);
        } finally {
            coordination.ended(running);
        }
    }

    private void execute(Delivery delivery, EndpointRegistry.Endpoint endpoint, Job job, RunningJob running) {
        String partition = delivery.partition();
        Class<?> beanClass = running.beanClass();
        if (!running.enterBean()) {
            return;
        }
        events.fire(beanClass, new BeforeRun(partition, job));
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            invoke(endpoint, job);
        } catch (Throwable t) {
            failure = unwrap(t);
            if (failure instanceof VirtualMachineError vme && !(vme instanceof StackOverflowError)) {
                if (running.leaveBean()) {
                    delivery.requeue();
                }
                throw vme;
            }
        }
        if (!running.leaveBean()) {
            LOG.log(Level.INFO, "Job {0} in partition {1} returned after it was cancelled; its result is ignored",
                    job.id(), partition);
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (failure == null) {
            // Keys go back before the ack: if this node dies in between, the job runs again
            // (at-least-once) rather than leaving its keys held for ever.
            coordination.release(partition, job);
            delivery.ack();
            events.fire(beanClass, new AfterRun(partition, job, took));
            return;
        }
        LOG.log(Level.WARNING, "Job {0} of type {1} in partition {2} failed after {3} ms: {4}",
                job.id(), job.type(), partition, took.toMillis(), String.valueOf(failure));
        boolean buried = bury(delivery, JobCodec.encode(job), job, job.id(),
                "job failed: " + failure, failure, job.retryCount() + 1);
        events.fire(beanClass, new JobError(partition, job, failure, buried));
        if (buried) {
            events.fire(beanClass, new JobBuried(partition, job, failure));
        }
    }

    /**
     * Cancels a job running on this node: interrupts its bean and records the outcome at once
     * (keys released, delivery acked, {@link JobCancelled} fired); a result the bean still returns
     * later is ignored. Runs on a container thread, not the job's.
     */
    public void cancelRunning(RunningJob running) {
        if (!running.takeOverForCancel()) {
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
        running.delivery().ack();
        LOG.log(Level.INFO, "Job {0} of type {1} in partition {2} was cancelled while running; its thread was "
                + "interrupted", job.id(), job.type(), partition);
        if (seen != StateReply.Status.AGAIN) {
            events.fire(running.beanClass(), new JobCancelled(partition, job, true));
        }
    }

    private static void invoke(EndpointRegistry.Endpoint endpoint, Job job) throws Exception {
        MessageEndpoint ep = endpoint.factory().createEndpoint(null);
        try {
            ((RogerJobListener) ep).onJob(job);
        } finally {
            ep.release();
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
            requeue.requeue(delivery);
            return;
        }
        buryBadInput(delivery, job, job.id(), "unknown job type '" + job.type() + "': no message-driven bean on node "
                + node + " runs it");
    }

    /** Buries what cannot run; {@code job} is null when the message could not be decoded. */
    private void buryBadInput(Delivery delivery, Job job, String jobId, String reason) {
        LOG.log(Level.WARNING, "Job {0} from {1}-{2} cannot run and is buried: {3}",
                jobId, delivery.partition(), delivery.queue(), reason);
        bury(delivery, delivery.body(), job, jobId, reason, null, 0);
    }

    /** Buries then acks; if the buried copy is not confirmed, requeues instead (nothing is lost). */
    private boolean bury(Delivery delivery, byte[] body, Job job, String jobId, String reason, Throwable error,
                         int attempts) {
        try {
            burier.bury(delivery, body, reason, error, attempts);
            if (job != null) {
                coordination.release(delivery.partition(), job);
            }
            delivery.ack();
            return true;
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not bury job {0} ({1}); it goes back to its queue", jobId, e.getMessage());
            requeue.requeue(delivery);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery.requeue();
            return false;
        }
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
