package dev.roger.api.admin;

/** Which of a queue's broker queues a purge empties. */
public enum PurgeTarget {
    /** The partition queue: jobs waiting to run. */
    QUEUED,
    /** Its retry queues: failed jobs waiting for their next attempt. */
    RETRYING,
    /** Its buried queue. */
    BURIED
}
