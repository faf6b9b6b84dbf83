package dev.roger.bench.load;

import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.bench.app.BenchJobs;
import dev.roger.client.wire.JobCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the benchmark's jobs, and tells how big one is on the wire (PerfTest sends messages of that size). */
public final class BenchJobsFactory {

    private BenchJobsFactory() {
    }

    /** {@code count} no-op jobs, built before the clock starts so the producers measure enqueueing only. */
    public static List<Job> noops(int count) {
        List<Job> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            jobs.add(Job.builder(BenchJobs.NOOP).build());
        }
        return jobs;
    }

    /** {@code count} jobs that each sleep {@code millis}. */
    public static List<Job> sleeps(int count, int millis) {
        List<Job> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            jobs.add(sleep(millis));
        }
        return jobs;
    }

    public static Job sleep(int millis) {
        return Job.builder(BenchJobs.SLEEP).argsJson(Integer.toString(millis)).build();
    }

    /**
     * The body size of a no-op job as Roger publishes it (with partition, queue and enqueue time
     * set), for a partition id of the given length.
     */
    public static int noopMessageBytes(int partitionLength) {
        Job job = Job.builder(BenchJobs.NOOP).build().toBuilder()
                .partition("p".repeat(partitionLength)).queue(Names.DEFAULT_QUEUE).queuedAt(Instant.now()).build();
        return JobCodec.encode(job).length;
    }
}
