package dev.roger.api;

/**
 * A job could not be enqueued: the broker was unreachable, refused it, or did not confirm it in
 * time. The job may be retried with the same id.
 */
public class EnqueueException extends RogerException {

    private static final long serialVersionUID = 1L;
    private final String jobId;

    public EnqueueException(String jobId, String message, Throwable cause) {
        super(message, cause);
        this.jobId = jobId;
    }

    /** The id of the job that was not enqueued. */
    public String jobId() {
        return jobId;
    }
}
