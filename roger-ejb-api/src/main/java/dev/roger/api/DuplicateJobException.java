package dev.roger.api;

/**
 * A job with a queue key was refused: another job with the same key is queued, waiting or
 * running in the partition. Nothing was published. Enqueue again once that job has finished.
 */
public class DuplicateJobException extends RogerException {

    private static final long serialVersionUID = 1L;
    private final String jobId;
    private final String queueKey;
    private final String holderJobId;

    public DuplicateJobException(String partition, String jobId, String queueKey, String holderJobId) {
        super("Job " + jobId + " was not enqueued: queue key '" + queueKey + "' of partition " + partition
                + " is held by job " + holderJobId + ", which is queued, waiting or running");
        this.jobId = jobId;
        this.queueKey = queueKey;
        this.holderJobId = holderJobId;
    }

    /** The refused job's id. */
    public String jobId() {
        return jobId;
    }

    /** The key that is taken. */
    public String queueKey() {
        return queueKey;
    }

    /** The id of the job that holds the key. */
    public String holderJobId() {
        return holderJobId;
    }
}
