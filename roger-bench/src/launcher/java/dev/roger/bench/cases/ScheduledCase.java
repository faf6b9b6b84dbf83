package dev.roger.bench.cases;

import dev.roger.api.Job;
import dev.roger.bench.BenchMode;
import dev.roger.bench.app.BenchJobs;
import dev.roger.bench.measure.CascadeSampler;
import dev.roger.bench.measure.Percentiles;
import dev.roger.bench.node.PayaraNode;
import dev.roger.bench.report.Field;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Case 9, scheduled jobs (issue 13): N no-op jobs enqueued evenly over a window W into a 10-worker
 * partition, each delayed by a time drawn uniformly from 1 s to a longest delay (full mode: 100,000
 * over 10 minutes, delays up to 2 minutes), so they fall due at about the rate they were enqueued,
 * spread over W plus that longest delay, and at any moment about rate x mean delay of them wait in
 * the delay cascade. Each job's lateness is its start minus its {@code runAt} (the WAR measures it);
 * one that started before its time counts as early. While they run, the cascade's queues and the
 * broker's memory are sampled.
 *
 * <p>The baseline, measured first in the same run: unscheduled no-op jobs at the same rate into a
 * partition of the same kind, for as long as case 3 sends; their enqueue-to-start latency is what a
 * due job would wait anyway, so lateness beyond it is the cascade's.
 *
 * <p>Runs once in every mode: its one run at full size already takes about 12 minutes.
 */
public final class ScheduledCase {

    private static final System.Logger LOG = System.getLogger(ScheduledCase.class.getName());
    private static final int WORKERS = 10;
    private static final long MIN_DELAY_MILLIS = 1000;
    /** Fixed, so that every run schedules the same delays. */
    private static final long SEED = 9;
    /**
     * The delay cascade's queues, levels {@code roger.delay.00..29} and {@code roger.delay.unrouted}
     * ({@code BrokerNames.DEFAULT}; the benchmark uses the default cluster). Shared by every Roger
     * application on the broker, so the case deletes none of them.
     */
    static final String CASCADE_PREFIX = "roger.delay.";
    private static final double MB = 1024.0 * 1024.0;

    private final BenchContext ctx;
    private final PayaraNode node;

    public ScheduledCase(BenchContext ctx, PayaraNode node) {
        this.ctx = ctx;
        this.node = node;
    }

    public void run() throws InterruptedException {
        BenchMode.Scheduled size = ctx.mode().scheduled();
        baseline(size.rate(), ctx.mode().latencySeconds());
        scheduled(size);
    }

    private void baseline(double rate, int seconds) throws InterruptedException {
        int jobs = (int) Math.round(rate * seconds);
        Percentiles p = Percentiles.of(send("schedbase", () -> Job.builder(BenchJobs.NOOP).build(), jobs,
                Duration.ofSeconds(seconds)).micros());
        ctx.results().add(Field.SCHEDULED_BASELINE_P50_MS, p.at(50) / 1000.0);
        ctx.results().add(Field.SCHEDULED_BASELINE_P99_MS, p.at(99) / 1000.0);
        LOG.log(Level.INFO, "Case 9 baseline: unscheduled at {0}/s, p50 {1} ms, p99 {2} ms over {3} jobs",
                Math.round(rate), p.at(50) / 1000.0, p.at(99) / 1000.0, p.count());
    }

    private void scheduled(BenchMode.Scheduled size) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(SEED);
        long maxDelayMillis = size.maxDelaySeconds() * 1000L;
        // Called on the producer's schedule, so each delay counts from (about) the job's enqueue.
        Supplier<Job> jobs = () -> Job.builder(BenchJobs.NOOP)
                .delay(Duration.ofMillis(random.nextLong(MIN_DELAY_MILLIS, maxDelayMillis + 1))).build();
        FixedRateRun.Outcome run;
        CascadeSampler.Reading after;
        try (CascadeSampler sampler = new CascadeSampler(ctx.ctl(), CASCADE_PREFIX, ctx.brokerPid(),
                sampleEvery(size))) {
            run = send("sched", jobs, size.jobs(), Duration.ofSeconds(size.seconds()));
            after = sampler.now();
            report(sampler);
        }
        ctx.results().add(Field.SCHEDULED_RATE, run.producer().achievedRate());
        long[] micros = run.micros();
        Percentiles p = Percentiles.of(micros);
        long early = Arrays.stream(micros).filter(l -> l < 0).count();
        ctx.results().add(Field.SCHEDULED_LATENESS_P50_MS, p.at(50) / 1000.0);
        ctx.results().add(Field.SCHEDULED_LATENESS_P99_MS, p.at(99) / 1000.0);
        ctx.results().add(Field.SCHEDULED_LATENESS_MAX_MS, p.max() / 1000.0);
        ctx.results().add(Field.SCHEDULED_EARLY_JOBS, early);
        if (early > 0) {
            ctx.results().note("Case 9: " + early + " scheduled jobs started before their runAt (the earliest by "
                    + -Arrays.stream(micros).min().orElse(0) / 1000.0 + " ms)");
        }
        ctx.results().note("Case 9: the delay cascade held " + after.messages() + " messages after the case (every "
                + "job of the case ran; any left are other applications' on this broker)");
        LOG.log(Level.INFO, "Case 9: lateness p50 {0} ms, p99 {1} ms, max {2} ms over {3} jobs, {4} early",
                p.at(50) / 1000.0, p.at(99) / 1000.0, p.max() / 1000.0, p.count(), early);
    }

    private void report(CascadeSampler sampler) {
        CascadeSampler.Reading before = sampler.before();
        CascadeSampler.Reading peak = sampler.peak();
        ctx.results().add(Field.CASCADE_PEAK_MESSAGES, peak.messages());
        ctx.results().add(Field.CASCADE_PEAK_MEMORY_MB, peak.memoryBytes() / MB);
        if (before.messages() > 0) {
            ctx.results().note("Case 9: the delay cascade already held " + before.messages()
                    + " messages (other applications' scheduled jobs) when the case began; its peak counts them");
        }
        if (sampler.brokerRssBefore() > 0) {
            ctx.results().add(Field.BROKER_MEMORY_BEFORE_MB, sampler.brokerRssBefore() / MB);
            ctx.results().add(Field.BROKER_MEMORY_PEAK_MB, sampler.peakBrokerRssBytes() / MB);
        } else {
            ctx.results().note("Case 9: no broker memory figures (the broker's process is not readable here)");
        }
    }

    private FixedRateRun.Outcome send(String what, Supplier<Job> jobs, int total, Duration window)
            throws InterruptedException {
        return FixedRateRun.run(ctx, node, "Case 9 (" + what + ")", Partitions.oneQueue(ctx.partition(what, 0), WORKERS),
                jobs, total, window, "latency-" + what + ".txt");
    }

    /** Every 5 s (rabbitmqctl costs the broker's machine a second of CPU), more often in a run of seconds. */
    private static Duration sampleEvery(BenchMode.Scheduled size) {
        return Duration.ofMillis(Math.max(1000, Math.min(5000, size.seconds() * 100L)));
    }
}
