package dev.roger.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Job;
import org.junit.jupiter.api.Test;

class RunningJobTest {

    private final RunningJob job = new RunningJob("p", Job.builder("t").build(), Object.class, null,
            Thread.currentThread());

    @Test
    void theJobThreadSettlesWhenNoCancelCame() {
        assertTrue(job.enterBean());
        assertTrue(job.leaveBean());
        assertFalse(job.takeOver(), "a finished job cannot be cancelled");
    }

    @Test
    void aCancelInTheBeanInterruptsItAndTheLateResultIsIgnored() {
        assertTrue(job.enterBean());
        assertTrue(job.takeOver());
        assertTrue(Thread.currentThread().isInterrupted(), "the bean's thread is interrupted");
        assertFalse(job.leaveBean(), "the job thread must not record an outcome after a cancel");
        assertFalse(Thread.currentThread().isInterrupted(), "the pooled thread leaves without the interrupt");
        assertFalse(job.takeOver(), "a second cancel does nothing");
    }

    @Test
    void aCancelBeforeTheBeanKeepsTheBeanFromRunningWithoutInterrupting() {
        assertTrue(job.takeOver());
        assertFalse(Thread.currentThread().isInterrupted());
        assertFalse(job.enterBean());
    }
}
