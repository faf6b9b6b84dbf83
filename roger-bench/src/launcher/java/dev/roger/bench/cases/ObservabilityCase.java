package dev.roger.bench.cases;

import dev.roger.bench.node.PayaraNode;
import dev.roger.bench.report.Field;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * Case 8, what metrics and tracing cost: node CPU per 1,000 no-op jobs (10 workers) on a node with
 * Roger's defaults (metrics kept, spans recorded with the application's OpenTelemetry, which on
 * Payara Micro is the server's MicroProfile Telemetry one) beside a node with both turned off. Both
 * nodes are new and get the same warm-up, and their measured runs alternate (on, off, off, on, ...)
 * so that a drift of the machine's load falls on both alike.
 */
public final class ObservabilityCase {

    private static final System.Logger LOG = System.getLogger(ObservabilityCase.class.getName());
    private static final int WORKERS = 10;

    /** The adapter properties of the node without metrics and tracing. */
    public static final Map<String, String> OFF = Map.of("metricsEnabled", "false", "tracingEnabled", "false");

    private final BenchContext ctx;
    private final PayaraNode on;
    private final PayaraNode off;

    public ObservabilityCase(BenchContext ctx, PayaraNode on, PayaraNode off) {
        this.ctx = ctx;
        this.on = on;
        this.off = off;
    }

    public void run() throws InterruptedException {
        // The JIT needs tens of thousands of jobs before a job's CPU settles (see ThroughputCase).
        NoopRun.of(ctx, on, "obson-warm", 0, ctx.mode().warmUpJobs(), WORKERS);
        NoopRun.of(ctx, off, "obsoff-warm", 0, ctx.mode().warmUpJobs(), WORKERS);
        for (int rep = 0; rep < ctx.mode().repetitions(); rep++) {
            boolean onFirst = rep % 2 == 0;
            measure(onFirst, rep);
            measure(!onFirst, rep);
        }
        ctx.results().derive(Field.OBSERVABILITY_CPU_RATIO,
                ctx.results().ratio(Field.OBSERVABILITY_ON_CPU_MS_PER_1000, Field.OBSERVABILITY_OFF_CPU_MS_PER_1000));
    }

    private void measure(boolean withObservability, int rep) throws InterruptedException {
        NoopRun run = NoopRun.of(ctx, withObservability ? on : off, withObservability ? "obson" : "obsoff", rep,
                ctx.mode().jobs(), WORKERS);
        ctx.results().add(withObservability ? Field.OBSERVABILITY_ON_CPU_MS_PER_1000
                : Field.OBSERVABILITY_OFF_CPU_MS_PER_1000, run.nodeCpuMsPer1000());
        LOG.log(Level.INFO, "Case 8, run {0}: metrics and tracing {1}: {2} ms of node CPU per 1,000 jobs ({3} jobs/s)",
                rep + 1, withObservability ? "on" : "off", String.format("%.1f", run.nodeCpuMsPer1000()),
                Math.round(run.jobsPerSecond()));
    }
}
