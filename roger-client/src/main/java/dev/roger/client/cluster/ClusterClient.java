package dev.roger.client.cluster;

import dev.roger.api.ControlResult;
import dev.roger.api.DuplicateJobException;
import dev.roger.api.GlobalStateInfo;
import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.api.StateUnavailableException;
import dev.roger.state.StateReply;
import dev.roger.state.StateRequest;
import java.lang.System.Logger.Level;

/**
 * The cluster-wide operations on a partition's global state, as any client sees them: claim a
 * queue key before enqueueing, cancel, pause, resume, read the state. Shared by the Java SE client
 * and the resource adapter.
 */
public final class ClusterClient {

    private static final System.Logger LOG = System.getLogger(ClusterClient.class.getName());

    private final ClusterCalls calls;

    public ClusterClient(ClusterCalls calls) {
        this.calls = calls;
    }

    public ClusterCalls calls() {
        return calls;
    }

    /**
     * Takes the job's queue key for it.
     *
     * @throws DuplicateJobException     when another job holds the key
     * @throws StateUnavailableException when the owner did not answer
     */
    public void claimQueueKey(String partition, Job job) {
        String key = job.queueKey().orElseThrow();
        StateReply reply = calls.ask(partition, StateRequest.claimQueueKey(key, job.id()));
        if (reply.status() == StateReply.Status.REFUSED) {
            throw new DuplicateJobException(partition, job.id(), key, reply.holder());
        }
    }

    /** Gives the key back after a failed publish; if the owner is away the key stays held (logged). */
    public void releaseQueueKeyQuietly(String partition, Job job) {
        String key = job.queueKey().orElseThrow();
        try {
            calls.ask(partition, StateRequest.releaseQueueKey(key, job.id()));
        } catch (StateUnavailableException e) {
            LOG.log(Level.WARNING, "Queue key ''{0}'' of job {1} in partition {2} stays held: {3}",
                    key, job.id(), partition, e.getMessage());
        }
    }

    /**
     * Makes the owner forget an idempotent job's id, so that a copy put back from the buried
     * queue runs.
     *
     * @throws StateUnavailableException when the owner did not answer
     */
    public void forgetRun(String partition, String jobId) {
        calls.ask(partition, StateRequest.forgetRun(jobId));
    }

    /** Records the cancel with the owner, then tells every node (to interrupt the job if it runs). */
    public ControlResult cancel(String partition, String jobId) {
        return cancel(partition, jobId, null);
    }

    /**
     * Like {@link #cancel(String, String)}; the owner keeps the cancel at least until {@code due}
     * (a scheduled job's time, or null) plus the cancel retention.
     */
    public ControlResult cancel(String partition, String jobId, java.time.Instant due) {
        Names.requirePartition(partition);
        Names.requireJobId(jobId);
        calls.ask(partition, StateRequest.cancel(jobId, due == null ? 0 : due.toEpochMilli()));
        return calls.broadcast(ControlCommand.cancel(partition, jobId));
    }

    /** Records the pause with the owner (which stores it at once), then tells every node. */
    public ControlResult pause(String partition, String queue) {
        Names.requireQueue(queue);
        Names.requirePartition(partition);
        calls.ask(partition, StateRequest.pause(queue));
        return calls.broadcast(ControlCommand.pause(partition, queue));
    }

    public ControlResult resume(String partition, String queue) {
        Names.requireQueue(queue);
        Names.requirePartition(partition);
        calls.ask(partition, StateRequest.resume(queue));
        return calls.broadcast(ControlCommand.resume(partition, queue));
    }

    public GlobalStateInfo info(String partition) {
        Names.requirePartition(partition);
        return calls.ask(partition, StateRequest.info()).info();
    }

    /** Tells every node that the partition's recurring jobs changed, so they ask its owner at once. */
    public ControlResult recurringChanged(String partition) {
        return calls.broadcast(ControlCommand.recurringChanged(partition));
    }

    /**
     * Any request to the partition's owner, e.g. about its recurring jobs.
     *
     * @throws dev.roger.api.StateUnavailableException when the owner did not answer
     */
    public dev.roger.state.StateReply ask(String partition, StateRequest request) {
        Names.requirePartition(partition);
        return calls.ask(partition, request);
    }
}
