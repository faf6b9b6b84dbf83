package dev.roger.ra.inbound;

import dev.roger.api.Job;
import dev.roger.state.StateReply;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * What running a job needs from the partition's global state. Only jobs with keys, and jobs this
 * node knows to be cancelled, cause a round trip to the owner; the rest is answered locally.
 * Methods that ask the owner throw {@link dev.roger.api.StateUnavailableException} when it does
 * not answer: the job then goes back to its queue for later, it is never treated as cancelled or
 * duplicate.
 */
public interface Coordination {

    /** Whether this node has heard that the job was cancelled (no round trip). */
    boolean cancelledLocally(String partition, String jobId);

    /** Tells the owner the cancelled job was seen: FIRST (fire the event), AGAIN (drop quietly) or NONE. */
    StateReply.Status consumeCancel(String partition, String jobId);

    /**
     * Asks to run a copy of an idempotent job: GRANTED (run it), REFUSED (another copy runs now:
     * put this one back for later) or DUPLICATE (the job already finished, or its retry is
     * pending: drop this copy).
     */
    StateReply.Status beginRun(String partition, Job job);

    /** Gives back the run of an idempotent job that was granted but did not start (never blocks). */
    void abandonRun(String partition, Job job);

    /** Tries to take the job's execution key: false when another running job holds it. */
    boolean acquireExecutionKey(String partition, Job job);

    /** Puts a job whose execution key is held into the key's waiting queue (confirmed). */
    void putWaiting(String partition, Job job, byte[] body) throws IOException, TimeoutException, InterruptedException;

    /**
     * The job is finished (succeeded, buried or cancelled): gives back the keys it holds and spends
     * an idempotent job's id; if the owner is away, keeps retrying in the background.
     */
    void release(String partition, Job job);

    /**
     * A retry is scheduled: gives back only the job's execution key (it keeps its queue key), and
     * lets only the retry run of an idempotent job.
     */
    void releaseExecutionKey(String partition, Job job);

    /** Registers a job that is about to run, so a cancel can find it. */
    void started(RunningJob job);

    /** Unregisters it. */
    void ended(RunningJob job);
}
