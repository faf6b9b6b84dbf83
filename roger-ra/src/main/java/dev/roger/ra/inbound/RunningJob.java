package dev.roger.ra.inbound;

import dev.roger.api.Job;

/**
 * A job in progress on this node, which a cancel or a timeout can take over: whoever settles it
 * first (the job's own thread when the bean returns, or the cancel or timeout) records the outcome; the other side
 * does nothing. The job's thread is interrupted only while it is inside the bean, so a pooled
 * thread never leaves with a stray interrupt.
 */
public final class RunningJob {

    private final String partition;
    private final Job job;
    private final Class<?> beanClass;
    private final Delivery delivery;
    private final Thread thread;
    private boolean inBean;
    private boolean settled;
    private volatile boolean putBack;

    RunningJob(String partition, Job job, Class<?> beanClass, Delivery delivery, Thread thread) {
        this.partition = partition;
        this.job = job;
        this.beanClass = beanClass;
        this.delivery = delivery;
        this.thread = thread;
    }

    public String partition() {
        return partition;
    }

    public Job job() {
        return job;
    }

    Class<?> beanClass() {
        return beanClass;
    }

    Delivery delivery() {
        return delivery;
    }

    /** Whether the job went back to its queue because its node or bean shut down. */
    public boolean putBack() {
        return putBack;
    }

    void markPutBack() {
        putBack = true;
    }

    /** Called by the job's thread before the bean: false when the job was cancelled already. */
    synchronized boolean enterBean() {
        if (settled) {
            return false;
        }
        inBean = true;
        return true;
    }

    /**
     * Called by the job's thread after the bean: clears a cancel's interrupt and says whether this
     * thread records the outcome (false: a cancel did).
     */
    synchronized boolean leaveBean() {
        inBean = false;
        Thread.interrupted();
        if (settled) {
            return false;
        }
        settled = true;
        return true;
    }

    /**
     * Takes the job over for a cancel or a timeout: interrupts the bean; false when the job had
     * settled already.
     */
    synchronized boolean takeOver() {
        if (settled) {
            return false;
        }
        settled = true;
        if (inBean) {
            thread.interrupt();
        }
        return true;
    }
}
