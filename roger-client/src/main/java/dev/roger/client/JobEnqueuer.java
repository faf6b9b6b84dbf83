package dev.roger.client;

import dev.roger.api.EnqueueException;
import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.amqp.Errors;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.client.wire.JobCodec;
import dev.roger.client.wire.JobMessages;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

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

    public JobEnqueuer(ConfirmPublisher publisher, QueueDeclarer declarer, int maxJobBytes, String brokerDescription) {
        this.publisher = publisher;
        this.declarer = declarer;
        this.maxJobBytes = maxJobBytes;
        this.brokerDescription = AmqpSettings.redact(brokerDescription);
    }

    /**
     * Enqueues {@code job} to {@code queue} of {@code partition}.
     *
     * @return the job as published (queue and {@code queuedAt} set)
     * @throws EnqueueException when the broker did not take it
     * @throws IllegalArgumentException for an invalid partition, malformed args, or a job over the size limit
     */
    public Job enqueue(String partition, Job job, String queue) {
        Names.requirePartition(partition);
        JobCodec.requireWellFormed(job);
        Job queued = job.toBuilder().partition(partition).queue(queue).queuedAt(Instant.now()).startedAt(null).build();
        byte[] body = JobCodec.encode(queued);
        if (body.length > maxJobBytes) {
            throw new IllegalArgumentException("Job " + job.id() + " of type " + job.type() + " is " + body.length
                    + " bytes, over the limit of " + maxJobBytes + " bytes (maxJobBytes); pass a reference to "
                    + "large data instead of the data");
        }
        String target = Names.mainQueue(partition, queue);
        try {
            declarer.ensureMain(target);
            publisher.publish(target, JobMessages.properties(partition, queued, null), body);
        } catch (IOException | TimeoutException e) {
            declarer.forget(target);
            throw new EnqueueException(job.id(), "Job " + job.id() + " of type " + job.type()
                    + " was not enqueued to " + target + " on " + brokerDescription + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnqueueException(job.id(), "Interrupted while enqueueing job " + job.id(), e);
        }
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "Enqueued {0} to {1} with args {2}", queued, target, queued.argsJson());
        }
        return queued;
    }

    private static String describe(Exception e) {
        return e instanceof TimeoutException ? "no publisher confirm in time" : Errors.describe(e);
    }
}
