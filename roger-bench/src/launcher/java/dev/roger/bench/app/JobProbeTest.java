package dev.roger.bench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roger.api.Job;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The WAR's probe, tested from the launcher's sources, which have the WAR's classes on their class path. */
class JobProbeTest {

    private static final Instant QUEUED = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aJobCountsFromItsEnqueue() {
        Job job = Job.builder(BenchJobs.NOOP).queuedAt(QUEUED).build();
        assertEquals(JobProbe.micros(QUEUED), JobProbe.since(job, 0));
    }

    @Test
    void aScheduledJobCountsFromItsDueTime() {
        Instant due = QUEUED.plusSeconds(30);
        Job job = Job.builder(BenchJobs.NOOP).queuedAt(QUEUED).runAt(due).build();
        assertEquals(JobProbe.micros(due), JobProbe.since(job, 0));
    }

    @Test
    void aJobWithNeitherCountsFromNow() {
        assertEquals(42, JobProbe.since(Job.builder(BenchJobs.NOOP).build(), 42));
    }
}
