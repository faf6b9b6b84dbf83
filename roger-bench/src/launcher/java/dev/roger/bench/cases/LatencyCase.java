package dev.roger.bench.cases;

import dev.roger.api.Job;
import dev.roger.bench.app.BenchJobs;
import dev.roger.bench.load.FixedRateProducer;
import dev.roger.bench.measure.Percentiles;
import dev.roger.bench.node.PayaraNode;
import dev.roger.bench.peers.PerfTestOutput;
import dev.roger.bench.report.Field;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Case 3, latency at a steady load: jobs at a fixed rate (1,000/s in full and quick mode), each its
 * own {@code enqueue}, into a 10-worker partition; the latency is from the job's {@code queuedAt}
 * (set by the client at enqueue) to the moment its bean starts, both read from this machine's clock.
 * PerfTest runs the same rate ({@code --rate}) with prefetch 10 and reports its consumer latency
 * (publish to consume) for comparison.
 */
public final class LatencyCase {

    private static final System.Logger LOG = System.getLogger(LatencyCase.class.getName());
    private static final int WORKERS = 10;

    private final BenchContext ctx;
    private final PayaraNode node;
    private final int messageBytes;

    public LatencyCase(BenchContext ctx, PayaraNode node, int messageBytes) {
        this.ctx = ctx;
        this.node = node;
        this.messageBytes = messageBytes;
    }

    public void run() throws InterruptedException {
        int rate = ctx.mode().latencyRate();
        int seconds = ctx.mode().latencySeconds();
        for (int rep = 0; rep < ctx.mode().repetitions(); rep++) {
            roger(rep, rate, seconds);
            PerfTestOutput p = ctx.perfTest().fixedRate(ctx.partition("perftestlat", rep), WORKERS, messageBytes,
                    rate, seconds);
            ctx.results().add(Field.PERFTEST_LATENCY_P50_MS, p.latencyP50Micros() / 1000.0);
            ctx.results().add(Field.PERFTEST_LATENCY_P99_MS, p.latencyP99Micros() / 1000.0);
            LOG.log(Level.INFO, "Case 3, run {0}: PerfTest p50 {1} ms, p99 {2} ms", rep + 1,
                    p.latencyP50Micros() / 1000.0, p.latencyP99Micros() / 1000.0);
        }
    }

    private void roger(int rep, int rate, int seconds) throws InterruptedException {
        FixedRateRun.Outcome run = FixedRateRun.run(ctx, node, "Case 3", Partitions.oneQueue(ctx.partition("lat", rep),
                WORKERS), () -> Job.builder(BenchJobs.NOOP).build(), rate * seconds, Duration.ofSeconds(seconds),
                "latency-roger-" + rep + ".txt");
        FixedRateProducer.Result sent = run.producer();
        if (sent.achievedRate() < 0.95 * rate) {
            ctx.results().note(String.format("Case 3: the producer reached %.0f jobs/s of %d", sent.achievedRate(), rate));
        }
        ctx.results().add(Field.ROGER_LATENCY_RATE, sent.achievedRate());
        Percentiles p = Percentiles.of(run.micros());
        ctx.results().add(Field.ROGER_LATENCY_P50_MS, p.at(50) / 1000.0);
        ctx.results().add(Field.ROGER_LATENCY_P99_MS, p.at(99) / 1000.0);
        ctx.results().add(Field.ROGER_LATENCY_MAX_MS, p.max() / 1000.0);
        LOG.log(Level.INFO, "Case 3, run {0}: Roger p50 {1} ms, p99 {2} ms, max {3} ms over {4} jobs", rep + 1,
                p.at(50) / 1000.0, p.at(99) / 1000.0, p.max() / 1000.0, p.count());
    }
}
