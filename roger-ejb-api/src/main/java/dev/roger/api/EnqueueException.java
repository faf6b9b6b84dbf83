package dev.roger.api;

/**
 * A job was not enqueued: the broker was unreachable before anything was sent, refused (nacked)
 * the job, or the job's queue could not be declared. The broker does not have the job; enqueue it
 * again (same id or a new one) when the cause is gone.
 *
 * <p>The subclass {@link EnqueueUncertainException} is thrown instead when the job was sent but
 * its confirm did not come (the connection failed after the publish, or the confirm timed out):
 * then the job may be stored and run. Catch {@code EnqueueException} to handle both, and ask
 * {@link #mayHaveBeenEnqueued()} which one it is.
 */
public class EnqueueException extends RogerException {

    private static final long serialVersionUID = 1L;
    private final String jobId;

    public EnqueueException(String jobId, String message, Throwable cause) {
        super(message, cause);
        this.jobId = jobId;
    }

    /** The id of the job (for a batch: its first job). */
    public String jobId() {
        return jobId;
    }

    /**
     * Whether the broker may have stored the job (or, for a batch, some of its jobs) although the
     * enqueue failed. False here: nothing was stored. True for {@link EnqueueUncertainException}.
     */
    public boolean mayHaveBeenEnqueued() {
        return false;
    }
}
