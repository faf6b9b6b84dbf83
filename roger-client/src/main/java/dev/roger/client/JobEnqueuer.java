package dev.roger.client;

import dev.roger.api.EnqueueException;
import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.amqp.DelayCascade;
import dev.roger.client.amqp.Errors;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.client.cluster.ClusterClient;
import dev.roger.client.tracing.EnqueueTracing;
import dev.roger.client.wire.JobCodec;
import dev.roger.client.wire.JobMessages;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Puts a job on its partition's queue and waits for the broker's confirm: the enqueue path shared
 * by the Java SE client and the resource adapter.
 */
public final class JobEnqueuer {

    private static final System.Logger LOG = System.getLogger(JobEnqueuer.class.getName());

    private final ConfirmPublisher publisher;
    private final QueueDeclarer declarer;
    private final int maxJobBytes;
    private final String brokerDescription;
    private final ClusterClient cluster;
    private final BrokerNames names;
    private final EnqueueTracing tracing;
    private final DelayCascade delays;

    /** An enqueuer whose spans go to {@link io.opentelemetry.api.GlobalOpenTelemetry}. */
    public JobEnqueuer(ConfirmPublisher publisher, QueueDeclarer declarer, ClusterClient cluster, BrokerNames names,
                       int maxJobBytes, String brokerDescription) {
        this(publisher, declarer, cluster, names, maxJobBytes, brokerDescription, EnqueueTracing.global());
    }

    public JobEnqueuer(ConfirmPublisher publisher, QueueDeclarer declarer, ClusterClient cluster, BrokerNames names,
                       int maxJobBytes, String brokerDescription, EnqueueTracing tracing) {
        this.tracing = tracing;
        this.publisher = publisher;
        this.names = names;
        this.cluster = cluster;
        this.declarer = declarer;
        this.maxJobBytes = maxJobBytes;
        this.brokerDescription = AmqpSettings.redact(brokerDescription);
        this.delays = new DelayCascade(publisher, names);
        // A deleted main queue lost its binding to the cascade's delivery exchange with it.
        publisher.onUnroutable(delays::forget);
    }

    /**
     * Enqueues {@code job} to {@code queue} of {@code partition}.
     *
     * @return the job as published (queue and {@code queuedAt} set)
     * @throws EnqueueException when the broker certainly does not have it
     * @throws dev.roger.api.EnqueueUncertainException when it was sent but not confirmed: it may be stored
     * @throws IllegalArgumentException for an invalid partition, malformed args, or a job over the size limit
     */
    public Job enqueue(String partition, Job job, String queue) {
        return enqueueAll(partition, List.of(job), j -> queue).get(0);
    }

    /**
     * Enqueues jobs as one batch on one channel and waits once for all the broker's confirms:
     * far fewer round trips than one {@link #enqueue} per job.
     *
     * @param queueOf the queue of each job
     * @return the jobs as published, in order
     * @throws EnqueueException when none of the jobs was stored (nothing was published, or the
     *                          only job was refused)
     * @throws dev.roger.api.EnqueueUncertainException when not every job was confirmed: none, some
     *                          or all may be stored, so retry the whole batch (the ids stay the same)
     * @throws IllegalArgumentException before anything is published, for any invalid job
     * @throws dev.roger.api.DuplicateJobException when a job's queue key is held; nothing was published
     * @throws dev.roger.api.StateUnavailableException when a job has a queue key and the partition's
     *                                                 state owner did not answer; nothing was published
     */
    public List<Job> enqueueAll(String partition, List<Job> jobs, Function<Job, String> queueOf) {
        return publish(prepare(partition, jobs, queueOf));
    }

    /**
     * The first half of an enqueue: checks and encodes the jobs and takes their queue keys, but
     * publishes nothing. Follow it with {@link #publish} or {@link #abandon}; used to publish after
     * a transaction commits, with the caller's errors (bad input, a held key) thrown at once.
     *
     * @throws IllegalArgumentException for any invalid job; nothing was prepared
     * @throws dev.roger.api.DuplicateJobException when a job's queue key is held
     * @throws dev.roger.api.StateUnavailableException when a job has a queue key and the owner did not answer
     */
    public Prepared prepare(String partition, List<Job> jobs, Function<Job, String> queueOf) {
        Names.requirePartition(partition);
        EnqueueTracing.Batch spans = tracing.batch();
        try {
            Instant now = Instant.now();
            List<Job> queued = new ArrayList<>(jobs.size());
            List<Outgoing> messages = new ArrayList<>(jobs.size());
            Set<String> targets = new LinkedHashSet<>();
            Set<String> scheduledTargets = new LinkedHashSet<>();
            for (Job job : jobs) {
                String queue = queueOf.apply(job);
                Job q = job.toBuilder().partition(partition).queue(queue).queuedAt(now).startedAt(null).build();
                byte[] body = checkedBody(q);
                String target = names.mainQueue(partition, queue);
                targets.add(target);
                queued.add(q);
                var props = JobMessages.properties(partition, q, spans.start(partition, target, q));
                if (q.runAt().isPresent() && DelayCascade.units(now, q.runAt().get()) > 0) {
                    scheduledTargets.add(target);
                }
                messages.add(new Outgoing(target, props, body, q.runAt().orElse(null)));
            }
            List<Job> claimed = claimQueueKeys(partition, queued);
            return new Prepared(partition, List.copyOf(queued), messages, targets, scheduledTargets, claimed, spans);
        } catch (RuntimeException e) {
            spans.failed(e);
            spans.end();
            throw e;
        }
    }

    /**
     * The message body of a job, refusing one a consumer would not accept (malformed args) or one
     * over {@code maxJobBytes}: the checks of every enqueue, also made when a job is written to the
     * outbox.
     *
     * @throws IllegalArgumentException naming the job and what is wrong
     */
    public byte[] checkedBody(Job job) {
        JobCodec.requireWellFormed(job);
        byte[] body = JobCodec.encode(job);
        if (body.length > maxJobBytes) {
            throw new IllegalArgumentException("Job " + job.id() + " of type " + job.type() + " is " + body.length
                    + " bytes, over the limit of " + maxJobBytes + " bytes (maxJobBytes); pass a reference to "
                    + "large data instead of the data");
        }
        return body;
    }

    /**
     * Publishes what {@link #prepare} made and waits for the broker's confirms (see
     * {@link #enqueueAll} for the outcomes).
     *
     * @return the jobs as published, in order
     */
    public List<Job> publish(Prepared batch) {
        try {
            publishPrepared(batch);
            return batch.jobs();
        } catch (RuntimeException e) {
            batch.spans.failed(e);
            throw e;
        } finally {
            batch.spans.end();
        }
    }

    /** Gives back the queue keys {@link #prepare} took; nothing is published. */
    public void abandon(Prepared batch) {
        batch.claimed.forEach(j -> cluster.releaseQueueKeyQuietly(batch.partition, j));
        batch.spans.end();
    }

    /** Jobs checked, encoded and holding their queue keys, not yet published. */
    public static final class Prepared {
        private final String partition;
        private final List<Job> jobs;
        private final List<Outgoing> messages;
        private final Set<String> targets;
        private final Set<String> scheduledTargets;
        private final List<Job> claimed;
        private final EnqueueTracing.Batch spans;

        private Prepared(String partition, List<Job> jobs, List<Outgoing> messages, Set<String> targets,
                         Set<String> scheduledTargets, List<Job> claimed, EnqueueTracing.Batch spans) {
            this.partition = partition;
            this.jobs = jobs;
            this.messages = messages;
            this.targets = targets;
            this.scheduledTargets = scheduledTargets;
            this.claimed = claimed;
            this.spans = spans;
        }

        /** The partition they go to. */
        public String partition() {
            return partition;
        }

        /** The jobs as they will be published (partition, queue and {@code queuedAt} set), in order. */
        public List<Job> jobs() {
            return jobs;
        }
    }

    /** A job's message before its route is known: a scheduled job's delay counts from the publish. */
    private record Outgoing(String target, com.rabbitmq.client.AMQP.BasicProperties props, byte[] body, Instant runAt) {
    }

    /**
     * The messages as published now. A scheduled job's delay is what is left of it at this moment,
     * so neither declaring the cascade nor the wait for a transaction's commit makes it late.
     */
    private List<ConfirmPublisher.Message> messages(List<Outgoing> outgoing) {
        Instant now = Instant.now();
        List<ConfirmPublisher.Message> messages = new ArrayList<>(outgoing.size());
        for (Outgoing o : outgoing) {
            long units = o.runAt() == null ? 0 : DelayCascade.units(now, o.runAt());
            messages.add(units > 0 ? delays.message(o.target(), o.props(), o.body(), units, o.runAt())
                    : new ConfirmPublisher.Message(o.target(), o.props(), o.body()));
        }
        return messages;
    }

    private void publishPrepared(Prepared batch) {
        String partition = batch.partition;
        List<Job> queued = batch.jobs;
        Set<String> targets = batch.targets;
        List<Job> claimed = batch.claimed;
        if (queued.isEmpty()) {
            return;
        }
        String where = String.join(", ", targets);
        try {
            for (String target : targets) {
                declarer.ensureMain(target);
            }
            for (String target : batch.scheduledTargets) {
                delays.ensureRoute(target);
            }
        } catch (IOException | TimeoutException | InterruptedException e) {
            throw failed(partition, claimed, targets, e, EnqueueFailures.notEnqueued(queued, where, brokerDescription,
                    "its queue could not be declared: " + Errors.describe(e), e));
        }
        try {
            publisher.publishAll(messages(batch.messages));
        } catch (IOException | TimeoutException | InterruptedException e) {
            throw failed(partition, claimed, targets, e,
                    EnqueueFailures.publishFailed(queued, where, brokerDescription, e));
        }
        if (LOG.isLoggable(Level.DEBUG)) {
            for (Job q : queued) {
                LOG.log(Level.DEBUG, "Enqueued {0} with args {1}", q, q.argsJson());
            }
        }
    }

    /**
     * Takes the queue keys of the jobs that have one, in order; when one is refused or the owner is
     * away, gives back those already taken and rethrows, so nothing is published.
     */
    private List<Job> claimQueueKeys(String partition, List<Job> jobs) {
        List<Job> claimed = new ArrayList<>();
        for (Job job : jobs) {
            if (job.queueKey().isEmpty()) {
                continue;
            }
            try {
                cluster.claimQueueKey(partition, job);
                claimed.add(job);
            } catch (RuntimeException e) {
                claimed.forEach(j -> cluster.releaseQueueKeyQuietly(partition, j));
                throw e;
            }
        }
        return claimed;
    }

    /**
     * Cleans up after a failed enqueue and returns what to throw. Queue keys are given back even
     * when the jobs may be stored: a key held for a job that never arrives would refuse every
     * later job with that key, while a retry with the same job id takes it again.
     */
    private EnqueueException failed(String partition, List<Job> claimed, Set<String> targets, Exception cause,
                                    EnqueueException outcome) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        targets.forEach(declarer::forget);
        if (cause instanceof IOException) {
            // A cascade deleted behind Roger's back closes the channel: declare it again next time.
            delays.forget();
        }
        claimed.forEach(j -> cluster.releaseQueueKeyQuietly(partition, j));
        return outcome;
    }
}
