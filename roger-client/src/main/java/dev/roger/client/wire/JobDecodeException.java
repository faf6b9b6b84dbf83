package dev.roger.client.wire;

/** A message body that is not a job Roger can run; carries the job id when it could be read. */
public final class JobDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String jobId;

    public JobDecodeException(String jobId, String reason) {
        super(reason);
        this.jobId = jobId;
    }

    /** The job id, or {@code null} when the payload had none. */
    public String jobId() {
        return jobId;
    }
}
