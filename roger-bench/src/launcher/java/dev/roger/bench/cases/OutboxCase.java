package dev.roger.bench.cases;

import dev.roger.api.PartitionSpec;
import dev.roger.bench.load.Completion;
import dev.roger.bench.measure.Percentiles;
import dev.roger.bench.node.BenchApp;
import dev.roger.bench.node.PayaraNode;
import dev.roger.bench.peers.PostgresDatabase;
import dev.roger.bench.report.Field;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Case 10, the transactional outbox against plain enqueueing: N no-op jobs written by the
 * application (one request thread of the benchmark WAR, see {@code OutboxServlet}) into a
 * 10-worker partition, three ways: to the outbox in transactions of 10 ({@code RogerOutbox}),
 * through {@code RogerClient.enqueue} in the same transactions (published after each commit, the
 * baseline), and through {@code RogerClient.enqueue} outside any transaction. For each way: the
 * producer's rate (jobs over the time the writes took, as the application sees it), the end-to-end
 * rate (from the first write to the last job's completion), and at a light load the latency from
 * each job's write to its start (the outbox adds its relay's poll). The node is the case's own,
 * with the adapter's {@code outboxDataSource} on a database of its own.
 */
public final class OutboxCase {

    private static final System.Logger LOG = System.getLogger(OutboxCase.class.getName());
    private static final int WORKERS = 10;
    private static final long ROWS_DRAIN_MILLIS = 10_000;

    /** A way of enqueueing: its name at the WAR's endpoint and its fields. */
    enum Way {
        OUTBOX("outbox", Field.OUTBOX_WRITES_PER_S, Field.OUTBOX_JOBS_PER_S,
                Field.OUTBOX_LATENCY_P50_MS, Field.OUTBOX_LATENCY_P99_MS),
        AFTER_COMMIT("after-commit", Field.OUTBOX_AFTER_COMMIT_WRITES_PER_S, Field.OUTBOX_AFTER_COMMIT_JOBS_PER_S,
                Field.OUTBOX_AFTER_COMMIT_LATENCY_P50_MS, Field.OUTBOX_AFTER_COMMIT_LATENCY_P99_MS),
        PLAIN("plain", Field.OUTBOX_PLAIN_WRITES_PER_S, Field.OUTBOX_PLAIN_JOBS_PER_S,
                Field.OUTBOX_PLAIN_LATENCY_P50_MS, Field.OUTBOX_PLAIN_LATENCY_P99_MS);

        final String key;
        final Field writesPerS;
        final Field jobsPerS;
        final Field p50;
        final Field p99;

        Way(String key, Field writesPerS, Field jobsPerS, Field p50, Field p99) {
            this.key = key;
            this.writesPerS = writesPerS;
            this.jobsPerS = jobsPerS;
            this.p50 = p50;
            this.p99 = p99;
        }
    }

    private final BenchContext ctx;
    private final PayaraNode node;
    private final PostgresDatabase database;
    private final OutboxSizes sizes;

    public OutboxCase(BenchContext ctx, PayaraNode node, PostgresDatabase database) {
        this.ctx = ctx;
        this.node = node;
        this.database = database;
        this.sizes = OutboxSizes.of(ctx.mode());
    }

    public void run() throws InterruptedException {
        List<Way> ways = List.of(Way.values());
        if (sizes.warmUpJobs() > 0) {
            // The node is new: the first way measured would pay for the JIT of the others' paths too.
            for (Way way : ways) {
                throughput(way, "obw", 0, sizes.warmUpJobs());
            }
        }
        for (int rep = 0; rep < ctx.mode().repetitions(); rep++) {
            for (Way way : OutboxSizes.rotated(ways, rep)) {
                Rates r = throughput(way, "ob", rep, sizes.jobs());
                ctx.results().add(way.writesPerS, r.writesPerS());
                ctx.results().add(way.jobsPerS, r.jobsPerS());
                Percentiles p = latency(way, rep);
                ctx.results().add(way.p50, p.at(50) / 1000.0);
                ctx.results().add(way.p99, p.at(99) / 1000.0);
                LOG.log(Level.INFO, "Case 10, run {0}, {1}: writes {2}/s, end to end {3} jobs/s; "
                        + "write-to-start p50 {4} ms, p99 {5} ms at a light load", rep + 1, way.key,
                        Math.round(r.writesPerS()), Math.round(r.jobsPerS()), p.at(50) / 1000.0, p.at(99) / 1000.0);
            }
        }
    }

    private record Rates(double writesPerS, double jobsPerS) {
    }

    /** N jobs as fast as the application writes them; its rate and the end-to-end rate. */
    private Rates throughput(Way way, String what, int rep, int jobs) throws InterruptedException {
        Run r = once(way, ctx.partition(what + "-" + way.key, rep), jobs, 0);
        return new Rates(OutboxSizes.rate(jobs, r.writes().startMicros(), r.writes().endMicros()),
                OutboxSizes.rate(jobs, r.writes().startMicros(), r.done().lastDoneMicros()));
    }

    /** Transactions of 10 at a pace the node follows without a backlog; every job's write-to-start latency. */
    private Percentiles latency(Way way, int rep) throws InterruptedException {
        Run r = once(way, ctx.partition("obl-" + way.key, rep), sizes.latencyBatches() * sizes.batch(),
                sizes.latencyPauseMillis());
        RawSamples.write(ctx.config().dir().resolve("latency-outbox-" + way.key + "-" + rep + ".txt"), r.micros());
        return Percentiles.of(r.micros());
    }

    /** What one run of writes gave: when they ran, the partition's counts, and each job's write-to-start latency. */
    private record Run(BenchApp.Writes writes, BenchApp.PartitionStats done, long[] micros) {
    }

    /** A partition of its own, the application's writes into it, every job run, the outbox emptied. */
    private Run once(Way way, String partition, int jobs, long pauseMillis) throws InterruptedException {
        PartitionSpec spec = Partitions.oneQueue(partition, WORKERS);
        Partitions.start(node, List.of(spec));
        try {
            node.app().reset();
            BenchApp.Writes w = node.app().write(way.key, partition, jobs, sizes.batch(), pauseMillis);
            BenchApp.PartitionStats done = Completion.await(node, partition, jobs);
            noteTwice(done, jobs);
            awaitOutboxEmpty(way);
            return new Run(w, done, node.app().latenciesMicros(partition));
        } finally {
            Partitions.remove(node, ctx.broker(), List.of(spec));
        }
    }

    private void noteTwice(BenchApp.PartitionStats done, int jobs) {
        if (done.done() > jobs) {
            ctx.results().note("Case 10: " + (done.done() - jobs) + " jobs ran twice (at-least-once redelivery)");
        }
    }

    /**
     * Every job ran, so the relay published every row; it deletes them in the same transaction,
     * which may commit a moment after the jobs finish. A row still there after that is a leftover
     * the case must not leave (the database goes at the end anyway): a note, not a failure.
     */
    private void awaitOutboxEmpty(Way way) throws InterruptedException {
        if (way != Way.OUTBOX) {
            return;
        }
        long deadline = System.nanoTime() + ROWS_DRAIN_MILLIS * 1_000_000;
        long rows;
        while ((rows = outboxRows()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (rows > 0) {
            ctx.results().note("Case 10: " + rows + " outbox rows still there " + ROWS_DRAIN_MILLIS / 1000
                    + " s after their jobs ran");
        }
    }

    private long outboxRows() {
        return database.queryLong("select count(*) from roger_outbox");
    }
}
