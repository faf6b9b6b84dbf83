package dev.roger.client;

import dev.roger.api.EnqueueException;
import dev.roger.api.EnqueueUncertainException;
import dev.roger.api.Job;
import dev.roger.client.amqp.Errors;
import dev.roger.client.amqp.NackedException;
import dev.roger.client.amqp.NotPublishedException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Says what a failed enqueue means for the caller: the broker certainly does not have the jobs
 * ({@link EnqueueException}), or it may have some or all of them ({@link EnqueueUncertainException}).
 * Only a failure before any byte was handed to the connection, or a nack of a single job, is
 * certain; after the publish, a lost channel or a missing confirm says nothing about whether the
 * broker stored the message.
 */
final class EnqueueFailures {

    private EnqueueFailures() {
    }

    /** Whether the broker may have stored some of {@code count} jobs whose publish failed with {@code failure}. */
    static boolean mayBeStored(Throwable failure, int count) {
        if (failure instanceof NotPublishedException) {
            return false;
        }
        if (failure instanceof NackedException) {
            // The broker answered every message: a single job was refused, but in a batch the
            // others may have been taken.
            return count > 1;
        }
        return true;
    }

    /**
     * The exception for jobs whose publish failed.
     *
     * @param targets the queues, as text
     * @param broker  the broker, as text without credentials
     */
    static EnqueueException publishFailed(List<Job> jobs, String targets, String broker, Throwable failure) {
        Job first = jobs.get(0);
        String why = describe(failure);
        if (!mayBeStored(failure, jobs.size())) {
            return notEnqueued(jobs, targets, broker, why, failure);
        }
        String what = jobs.size() == 1
                ? "Job " + first.id() + " of type " + first.type() + " may have been enqueued to " + targets + " on "
                + broker + ": it was sent but not confirmed (" + why + "); enqueue it again with the same id"
                : "Some or all of " + jobs.size() + " jobs (first " + first.id() + ") may have been enqueued to "
                + targets + " on " + broker + ": not all were confirmed (" + why + "); enqueue the batch again with "
                + "the same ids";
        return new EnqueueUncertainException(first.id(), what + (first.idempotent() ? " (idempotent: runs once)"
                : ", and build jobs with idempotent(true) so that a copy stored twice runs once"), failure);
    }

    /** The exception for jobs that were certainly not published (queue declaration failed, say). */
    static EnqueueException notEnqueued(List<Job> jobs, String targets, String broker, String why, Throwable cause) {
        Job first = jobs.get(0);
        String what = jobs.size() == 1
                ? "Job " + first.id() + " of type " + first.type() + " was not enqueued to " + targets
                : "None of " + jobs.size() + " jobs (first " + first.id() + ") was enqueued to " + targets;
        return new EnqueueException(first.id(), what + " on " + broker + ": " + why, cause);
    }

    private static String describe(Throwable e) {
        if (e instanceof TimeoutException) {
            return "no publisher confirm in time";
        }
        if (e instanceof InterruptedException) {
            return "interrupted while waiting for the publisher confirm";
        }
        return Errors.describe(e);
    }
}
