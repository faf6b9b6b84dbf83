package dev.roger.ra.inbound;

import dev.roger.api.event.JobEvent;

/**
 * Sees every job outcome of this node as it happens, on the job's thread: the lifecycle events
 * (fired to an application or not) and the burials of deliveries that never ran. For the metrics;
 * it must be quick and must not throw.
 */
public interface JobObserver {

    /** Sees nothing: metrics are off. */
    JobObserver NONE = new JobObserver() {
        @Override
        public void saw(JobEvent event) {
        }

        @Override
        public void buriedUnrun(String partition, String queue) {
        }
    };

    void saw(JobEvent event);

    /**
     * A delivery was buried without its bean running: bad input (undecodable, unknown type, bad
     * headers, a retry count beyond its levels) or an unexpected error in Roger. No event fires
     * for these, and their type may be anything a producer wrote.
     */
    void buriedUnrun(String partition, String queue);
}
