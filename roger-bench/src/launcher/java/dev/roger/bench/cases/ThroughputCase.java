package dev.roger.bench.cases;

import dev.roger.api.Job;
import dev.roger.api.PartitionSpec;
import dev.roger.bench.load.BatchProducer;
import dev.roger.bench.load.BenchJobsFactory;
import dev.roger.bench.load.Completion;
import dev.roger.bench.measure.MemorySampler;
import dev.roger.bench.measure.ProcStats;
import dev.roger.bench.node.BenchApp;
import dev.roger.bench.node.PayaraNode;
import dev.roger.bench.report.Field;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;

/**
 * Case 2, Roger's throughput: N no-op jobs into one partition's one queue, enqueued from plain Java
 * SE in {@code enqueueAll} batches from a few threads, timed from the first enqueue to the last
 * job's completion (its AfterRun, after the ack), with 10 workers and with 100. Before the first
 * run of each worker count, a burst of sleeping jobs checks that that many jobs really run at once
 * (the MDB and thread pools could cap it silently). All of it after a warm-up run (see
 * {@link #warmUp()}). Meanwhile the node's memory is sampled: the peaks are case 5's "under load".
 */
public final class ThroughputCase {

    private static final System.Logger LOG = System.getLogger(ThroughputCase.class.getName());
    private static final int PROBE_SLEEP_MILLIS = 300;

    private final BenchContext ctx;
    private final PayaraNode node;

    public ThroughputCase(BenchContext ctx, PayaraNode node) {
        this.ctx = ctx;
        this.node = node;
    }

    /** The id of the 10-worker partition of run 0: PerfTest's messages are as long as its jobs'. */
    public static String samplePartition(BenchContext ctx) {
        return ctx.partition("tp10", 0);
    }

    public void run() throws InterruptedException {
        try (MemorySampler memory = new MemorySampler(node.pid(), () -> node.app().heapUsedBytes(false))) {
            double cold = warmUp();
            ctx.results().add(Field.ROGER_JOBS_PER_S_WARMUP, cold);
            LOG.log(Level.INFO, "Case 2: warm-up, {0} jobs on the new node: {1} jobs/s", warmUpJobs(), Math.round(cold));
            for (int workers : new int[] {10, 100}) {
                probeConcurrency(workers);
                for (int rep = 0; rep < ctx.mode().repetitions(); rep++) {
                    double rate = once(workers, rep);
                    ctx.results().add(workers == 10 ? Field.ROGER_JOBS_PER_S : Field.ROGER_JOBS_PER_S_100W, rate);
                    LOG.log(Level.INFO, "Case 2, run {0}: {1} workers: {2} jobs/s", rep + 1, workers, Math.round(rate));
                }
            }
            ctx.results().add(Field.RSS_LOAD_MB, memory.peakRssBytes() / 1e6);
            ctx.results().add(Field.HEAP_LOAD_MB, memory.peakHeapBytes() / 1e6);
        }
    }

    /**
     * The node is new: until the JIT has compiled Payara's and Roger's paths, a job costs several
     * times its steady-state CPU (measured here: 0.7 ms of node CPU per job cold, 0.4 ms after
     * 20,000 jobs, 0.1 ms after 100,000). The measured runs should be steady state; this run's rate
     * is reported as the cold figure.
     */
    private double warmUp() throws InterruptedException {
        return once(10, "warmup", 0, warmUpJobs());
    }

    private int warmUpJobs() {
        return ctx.mode().warmUpJobs();
    }

    private double once(int workers, int rep) throws InterruptedException {
        return once(workers, "tp" + workers, rep, ctx.mode().jobs());
    }

    private double once(int workers, String what, int rep, int n) throws InterruptedException {
        NoopRun run = NoopRun.of(ctx, node, what, rep, n, workers);
        if ("tp10".equals(what)) {
            // Where the time goes: CPU per 1,000 jobs in the node and in the broker (2 cores share both).
            ctx.results().add(Field.ROGER_NODE_CPU_MS_PER_1000, run.nodeCpuMsPer1000());
            if (run.brokerCpuMsPer1000() >= 0) {
                ctx.results().add(Field.ROGER_BROKER_CPU_MS_PER_1000, run.brokerCpuMsPer1000());
            }
        }
        if (run.ranTwice() > 0) {
            ctx.results().note("Case 2: " + run.ranTwice() + " jobs ran twice (at-least-once redelivery)");
        }
        return run.jobsPerSecond();
    }

    /** Runs 3 x workers jobs of 300 ms and records the most that ran at once. */
    private void probeConcurrency(int workers) throws InterruptedException {
        PartitionSpec spec = Partitions.oneQueue(ctx.partition("cc" + workers, 0), workers);
        Partitions.start(node, List.of(spec));
        try {
            node.app().reset();
            BatchProducer.enqueueAll(ctx.roger(), spec.partition(),
                    BenchJobsFactory.sleeps(3 * workers, PROBE_SLEEP_MILLIS), 120);
            Completion.await(node, spec.partition(), 3L * workers);
            int peak = node.app().stats(spec.partition()).peakRunning();
            ctx.results().add(workers == 10 ? Field.ROGER_PEAK_RUNNING_10W : Field.ROGER_PEAK_RUNNING_100W, peak);
            if (peak < workers) {
                ctx.results().note("Case 2: with " + workers + " workers at most " + peak
                        + " jobs ran at once (pools or the engine cap concurrency)");
            }
            LOG.log(Level.INFO, "Case 2: {0} workers: peak {1} jobs at once", workers, peak);
        } finally {
            Partitions.remove(node, ctx.broker(), List.of(spec));
        }
    }
}
