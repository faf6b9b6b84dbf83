package dev.roger.api;

/**
 * An enqueue whose outcome is unknown: the job was sent to the broker but its publisher confirm
 * never came (the connection or channel failed after the publish, the confirm timed out, or the
 * wait was interrupted), or, for a batch, the broker refused some of its jobs. The job may be
 * stored and may run.
 *
 * <p>Retrying with the same job is safe only when a second copy cannot run twice: build the job
 * with {@link Job.Builder#idempotent(boolean) idempotent(true)} (then at most one copy with its
 * id runs), or make the job itself harmless to run twice.
 */
public class EnqueueUncertainException extends EnqueueException {

    private static final long serialVersionUID = 1L;

    public EnqueueUncertainException(String jobId, String message, Throwable cause) {
        super(jobId, message, cause);
    }

    /** Always true: the job may be stored. */
    @Override
    public boolean mayHaveBeenEnqueued() {
        return true;
    }
}
