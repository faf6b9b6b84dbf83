package dev.roger.ra.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a job may start, and knows which jobs run: the node's shutdown and a bean's
 * undeploy close it (for the node, or for that bean) so that from that moment no job starts.
 * Entry and closing take the same lock, so a job either entered before the shutdown began or
 * never starts.
 */
public final class RunGate {

    private final Set<RunningJob> running = new LinkedHashSet<>();
    private final Set<Class<?>> closedBeans = new HashSet<>();
    private Instant closedAt;

    /** Lets the job start unless the node or its bean is shutting down; the job counts as running until {@link #exit}. */
    synchronized boolean enter(RunningJob job) {
        if (closedAt != null || closedBeans.contains(job.beanClass())) {
            return false;
        }
        running.add(job);
        return true;
    }

    synchronized void exit(RunningJob job) {
        if (running.remove(job)) {
            notifyAll();
        }
    }

    /** Whether a job of this bean could not start now (a failure now may be the shutdown's doing). */
    synchronized boolean closing(Class<?> beanClass) {
        return closedAt != null || closedBeans.contains(beanClass);
    }

    /** No job starts from now on; returns when the shutdown began (the first call's time). */
    public synchronized Instant close() {
        if (closedAt == null) {
            closedAt = Instant.now();
        }
        return closedAt;
    }

    /** When the node's shutdown began, or null. */
    public synchronized Instant closedAt() {
        return closedAt;
    }

    /** No job of this bean starts from now on (the bean is being undeployed). */
    public synchronized void closeBean(Class<?> beanClass) {
        closedBeans.add(beanClass);
    }

    /** The bean is gone; a bean of the same class deployed again may run. */
    public synchronized void forgetBean(Class<?> beanClass) {
        closedBeans.remove(beanClass);
    }

    /** The jobs of {@code beanClass} (null: of any bean) running now. */
    public synchronized List<RunningJob> runningNow(Class<?> beanClass) {
        List<RunningJob> now = new ArrayList<>();
        for (RunningJob job : running) {
            if (beanClass == null || job.beanClass() == beanClass) {
                now.add(job);
            }
        }
        return now;
    }

    /**
     * Waits until no job of {@code beanClass} (null: of any bean) runs, or until {@code deadline}.
     *
     * @return the jobs still running at the deadline
     */
    public synchronized List<RunningJob> awaitIdle(Class<?> beanClass, Instant deadline) throws InterruptedException {
        while (true) {
            List<RunningJob> left = runningNow(beanClass);
            long wait = Duration.between(Instant.now(), deadline).toMillis();
            if (left.isEmpty() || wait <= 0) {
                return left;
            }
            wait(Math.min(wait, 200));
        }
    }
}
