package dev.roger.bench.cases;

import dev.roger.api.Names;
import dev.roger.api.PartitionSpec;
import dev.roger.bench.load.BatchProducer;
import dev.roger.bench.load.BenchJobsFactory;
import dev.roger.bench.load.Completion;
import dev.roger.bench.load.FixedRateProducer;
import dev.roger.bench.measure.Percentiles;
import dev.roger.bench.node.PayaraNode;
import dev.roger.bench.report.Field;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Case 6, fairness: does one tenant's flood delay another's jobs? Partition B sends 10 jobs/s of
 * 5 ms, first alone, then while partition A works off a backlog of 5 ms jobs; the figure is B's
 * enqueue-to-start p99 in both phases. It runs on a node whose adapter caps the jobs running at
 * once ({@code maxConcurrentJobs}, {@link #CAP}) below A's worker count, so A alone could take
 * every slot: only the engine's fair dispatch keeps B's latency flat. If the deployed adapter does
 * not know the property yet, the case still runs (uncapped) and says so.
 */
public final class FairnessCase {

    private static final System.Logger LOG = System.getLogger(FairnessCase.class.getName());

    /** The node-wide cap the fairness node is configured with. */
    public static final int CAP = 16;
    private static final int A_WORKERS = 32;
    private static final int B_WORKERS = 4;
    private static final int B_RATE = 10;
    private static final int JOB_MILLIS = 5;

    private final BenchContext ctx;
    private final PayaraNode node;

    public FairnessCase(BenchContext ctx, PayaraNode node) {
        this.ctx = ctx;
        this.node = node;
    }

    public void run() throws InterruptedException {
        if (node.unsupportedAdapterProperties().contains("maxConcurrentJobs")) {
            ctx.results().note("Case 6: the deployed roger-ra has no maxConcurrentJobs yet (Payara: no setter); "
                    + "the case ran without the cap of " + CAP);
        }
        warmUp();
        for (int rep = 0; rep < ctx.mode().repetitions(); rep++) {
            once(rep);
        }
    }

    /**
     * The node is new: its first jobs pay for class loading, JIT and filling the MDB pool. Without
     * this, "alone" (measured first) would carry that cost and flatter the ratio.
     */
    private void warmUp() throws InterruptedException {
        PartitionSpec w = Partitions.oneQueue(ctx.partition("fw", 0), A_WORKERS);
        Partitions.start(node, List.of(w));
        try {
            int jobs = Math.min(2000, ctx.mode().fairnessBacklog());
            BatchProducer.enqueueAll(ctx.roger(), w.partition(), BenchJobsFactory.sleeps(jobs, 1), 300);
            Completion.await(node, w.partition(), jobs);
        } finally {
            Partitions.remove(node, ctx.broker(), List.of(w));
        }
    }

    private void once(int rep) throws InterruptedException {
        PartitionSpec a = Partitions.oneQueue(ctx.partition("fa", rep), A_WORKERS);
        PartitionSpec b = Partitions.oneQueue(ctx.partition("fb", rep), B_WORKERS);
        Partitions.start(node, List.of(a, b));
        try {
            int seconds = ctx.mode().fairnessSeconds();
            node.app().reset();
            double alone = bP99(b, seconds, "alone-" + rep);

            node.app().reset();
            int backlog = ctx.mode().fairnessBacklog();
            BatchProducer.enqueueAll(ctx.roger(), a.partition(), BenchJobsFactory.sleeps(backlog, JOB_MILLIS), 900);
            double flood = bP99(b, seconds, "flood-" + rep);
            // Messages still in A's queue when B's window closed: if none, A ran dry before B finished measuring.
            long left = ctx.broker().readyMessages(Names.mainQueue(a.partition(), Names.DEFAULT_QUEUE));
            int peak = node.app().stats(List.of()).peakRunning();

            ctx.results().add(Field.FAIRNESS_P99_ALONE_MS, alone);
            ctx.results().add(Field.FAIRNESS_P99_FLOOD_MS, flood);
            ctx.results().add(Field.FAIRNESS_BACKLOG_LEFT, left);
            ctx.results().add(Field.FAIRNESS_PEAK_RUNNING, peak);
            if (left == 0) {
                ctx.results().note("Case 6: A's backlog ran out before B's window closed; the flood covered only part of it");
            }
            LOG.log(Level.INFO, "Case 6, run {0}: B p99 alone {1} ms, during the flood {2} ms; A had {3} jobs left; "
                    + "peak {4} jobs at once", rep + 1, alone, flood, left, peak);
        } finally {
            Partitions.remove(node, ctx.broker(), List.of(a, b));
        }
    }

    /** B's 10 jobs/s for {@code seconds}; their enqueue-to-start p99 in ms. */
    private double bP99(PartitionSpec b, int seconds, String phase) throws InterruptedException {
        FixedRateProducer.Result sent = FixedRateProducer.run(ctx.roger(), b.partition(),
                () -> BenchJobsFactory.sleep(JOB_MILLIS), B_RATE, seconds);
        if (sent.failed() > 0) {
            ctx.results().note("Case 6: " + sent.failed() + " of B's enqueues failed: " + sent.firstError());
        }
        Completion.await(node, b.partition(), sent.enqueued());
        long[] micros = node.app().latenciesMicros(b.partition());
        RawSamples.write(ctx.config().dir().resolve("latency-fairness-b-" + phase + ".txt"), micros);
        return Percentiles.of(micros).at(99) / 1000.0;
    }
}
