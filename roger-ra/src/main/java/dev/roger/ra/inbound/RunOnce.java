package dev.roger.ra.inbound;

import dev.roger.api.Job;
import java.lang.System.Logger.Level;

/**
 * Lets at most one copy of an idempotent job run: before the job starts, its partition's owner
 * says whether this copy may run, must wait while another copy runs, or is a duplicate of a job
 * that already finished (or whose retry is pending) and is dropped. An owner that does not
 * answer throws {@link dev.roger.api.StateUnavailableException}: the copy goes back to its queue,
 * it is never dropped on a guess.
 */
final class RunOnce {

    private static final System.Logger LOG = System.getLogger(RunOnce.class.getName());

    private final Coordination coordination;
    private final Settler settler;

    RunOnce(Coordination coordination, Settler settler) {
        this.coordination = coordination;
        this.settler = settler;
    }

    /** Whether this copy of the idempotent job runs; when not, the delivery is settled here. */
    boolean admit(Delivery delivery, Job job) {
        switch (coordination.beginRun(delivery.partition(), job)) {
            case GRANTED -> {
                return true;
            }
            case DUPLICATE -> {
                settler.ack(delivery);
                LOG.log(Level.INFO, "Job {0} of type {1} in partition {2} already ran or its retry is pending "
                        + "(idempotent): this copy is dropped", job.id(), job.type(), delivery.partition());
                return false;
            }
            default -> {
                LOG.log(Level.DEBUG, "Another copy of job {0} runs now; this one goes back to its queue", job.id());
                settler.putBack(delivery, java.time.Duration.ofSeconds(1), "another copy of the job runs now");
                return false;
            }
        }
    }
}
