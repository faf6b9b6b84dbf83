package dev.roger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.ShutdownSignalException;
import dev.roger.api.EnqueueException;
import dev.roger.api.EnqueueUncertainException;
import dev.roger.api.Job;
import dev.roger.client.amqp.NackedException;
import dev.roger.client.amqp.NotPublishedException;
import java.io.IOException;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which failed publishes may have stored the jobs, and what the caller is told. */
class EnqueueFailuresTest {

    private static final Job ONE = Job.builder("t").id("job-1").build();
    private static final List<Job> BATCH = List.of(ONE, Job.builder("t").id("job-2").build());
    private static final ShutdownSignalException CONNECTION_LOST =
            new ShutdownSignalException(true, false, null, null);

    private static EnqueueException outcome(List<Job> jobs, Throwable failure) {
        return EnqueueFailures.publishFailed(jobs, "p-default", "127.0.0.1:5672", failure);
    }

    @Test
    void nothingHandedToTheConnectionIsCertainlyNotEnqueued() {
        for (List<Job> jobs : List.of(List.of(ONE), BATCH)) {
            EnqueueException e = outcome(jobs, new NotPublishedException("the channel was closed before the publish",
                    new AlreadyClosedException(CONNECTION_LOST)));
            assertEquals(EnqueueException.class, e.getClass());
            assertFalse(e.mayHaveBeenEnqueued());
            assertEquals("job-1", e.jobId());
        }
    }

    @Test
    void aNackedSingleJobIsCertainlyNotEnqueued() {
        EnqueueException e = outcome(List.of(ONE), new NackedException("RabbitMQ refused (nacked) the message"));
        assertFalse(e.mayHaveBeenEnqueued());
        assertTrue(e.getMessage().startsWith("Job job-1 of type t was not enqueued to p-default on 127.0.0.1:5672: "
                + "RabbitMQ refused"), e.getMessage());
    }

    @Test
    void aNackInABatchMayHaveStoredTheOthers() {
        EnqueueException e = outcome(BATCH, new NackedException("RabbitMQ refused (nacked) at least one message"));
        assertInstanceOf(EnqueueUncertainException.class, e);
        assertTrue(e.getMessage().startsWith("Some or all of 2 jobs (first job-1) may have been enqueued"),
                e.getMessage());
    }

    @Test
    void aFailureAfterThePublishMayHaveStoredTheJob() {
        List<Throwable> afterPublish = List.of(
                new TimeoutException(),
                new InterruptedException(),
                new IOException("connection lost", CONNECTION_LOST),
                new IOException(new SocketException("Connection reset")),
                new IOException("second message", new AlreadyClosedException(CONNECTION_LOST)));
        for (Throwable failure : afterPublish) {
            EnqueueException e = outcome(List.of(ONE), failure);
            assertInstanceOf(EnqueueUncertainException.class, e, failure.toString());
            assertTrue(e.mayHaveBeenEnqueued());
            assertTrue(e.getMessage().startsWith("Job job-1 of type t may have been enqueued to p-default"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("idempotent(true)"), e.getMessage());
        }
        assertTrue(outcome(List.of(ONE), new TimeoutException()).getMessage().contains("no publisher confirm in time"));
    }

    @Test
    void anIdempotentJobIsToldItRunsOnce() {
        Job idempotent = Job.builder("t").id("job-3").idempotent(true).build();
        EnqueueException e = outcome(List.of(idempotent), new TimeoutException());
        assertTrue(e.getMessage().endsWith("(idempotent: runs once)"), e.getMessage());
    }
}
