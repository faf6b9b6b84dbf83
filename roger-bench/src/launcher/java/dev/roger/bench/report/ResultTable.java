package dev.roger.bench.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a run as the table the issue asks for: each case's medians, then the goals marked met or
 * not met. A case that broke shows its reason instead of figures.
 */
public final class ResultTable {

    private static final String ROW = "  %-2s %-26s %-38s %s%n";

    private final Results r;
    private final PrintStream out;

    private ResultTable(Results r, PrintStream out) {
        this.r = r;
        this.out = out;
    }

    public static void print(Results results, PrintStream out) {
        new ResultTable(results, out).print();
    }

    private void print() {
        var m = r.mode();
        out.println();
        out.printf("Roger benchmark, %s mode (%d repetition%s, medians), %s, %d cores, %,d MB%n", m.name(),
                m.repetitions(), m.repetitions() == 1 ? "" : "s", r.date(), r.machine().cores(), r.machine().memoryMb());
        out.println("  " + String.join(", ", r.versions().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList()));
        out.println();
        out.printf(ROW, "#", "case", "measure", "value");
        out.printf(ROW, "-", "----", "-------", "-----");
        section("limit", "1", "limit: PerfTest", List.of(
                line("receive rate, prefetch 10", rate(Field.PERFTEST_MSGS_PER_S, "msg/s")),
                line("receive rate, prefetch 100", rate(Field.PERFTEST_MSGS_PER_S_100W, "msg/s")),
                line("message size", num(Field.MESSAGE_BYTES, "%.0f bytes"))));
        section("throughput", "2", "Roger throughput", List.of(
                line("10 workers, " + m.jobs() + " jobs", rate(Field.ROGER_JOBS_PER_S, "jobs/s")
                        + ratioText(Field.THROUGHPUT_RATIO, "PerfTest")),
                line("100 workers", rate(Field.ROGER_JOBS_PER_S_100W, "jobs/s")
                        + ratioText(Field.THROUGHPUT_RATIO_100W, "PerfTest")),
                line("cold node (warm-up run, 10 w)", rate(Field.ROGER_JOBS_PER_S_WARMUP, "jobs/s")),
                line("peak jobs at once, 10 / 100 w", num(Field.ROGER_PEAK_RUNNING_10W, "%.0f") + " / "
                        + num(Field.ROGER_PEAK_RUNNING_100W, "%.0f")),
                line("CPU per 1000 jobs: node / broker", num(Field.ROGER_NODE_CPU_MS_PER_1000, "%.0f") + " / "
                        + num(Field.ROGER_BROKER_CPU_MS_PER_1000, "%.0f ms") + "  (PerfTest's broker: "
                        + num(Field.PERFTEST_BROKER_CPU_MS_PER_1000, "%.0f ms") + ")"),
                line("  a bare Java consumer (ack only): CPU", num(Field.BARE_CONSUMER_CPU_MS_PER_1000,
                        "%.0f ms per 1000 messages"))));
        section("latency", "3", "latency, " + m.latencyRate() + "/s " + m.latencySeconds() + " s", List.of(
                line("Roger p50 / p99 / max", num(Field.ROGER_LATENCY_P50_MS, "%.1f") + " / "
                        + num(Field.ROGER_LATENCY_P99_MS, "%.1f") + " / " + num(Field.ROGER_LATENCY_MAX_MS, "%.1f ms")),
                line("PerfTest p50 / p99", num(Field.PERFTEST_LATENCY_P50_MS, "%.1f") + " / "
                        + num(Field.PERFTEST_LATENCY_P99_MS, "%.1f ms"))));
        section("peer", "4", "peer: JobRunr + PostgreSQL", List.of(
                line("10 workers, poll " + num(Field.JOBRUNR_POLL_INTERVAL_S, "%.0f s"),
                        rate(Field.JOBRUNR_JOBS_PER_S, "jobs/s") + ratioText(Field.JOBRUNR_RATIO, "JobRunr", "Roger = "))));
        section("memory", "5", "memory of the Payara node", List.of(
                line("RSS idle / under case 2 (peak)", num(Field.RSS_IDLE_MB, "%.0f") + " / "
                        + num(Field.RSS_LOAD_MB, "%.0f MB")),
                line("heap used idle / under case 2 (peak)", num(Field.HEAP_IDLE_MB, "%.0f") + " / "
                        + num(Field.HEAP_LOAD_MB, "%.0f MB"))));
        section("fairness", "6", "fairness, cap 16", List.of(
                line("B's p99 alone / during A's flood", num(Field.FAIRNESS_P99_ALONE_MS, "%.1f") + " / "
                        + num(Field.FAIRNESS_P99_FLOOD_MS, "%.1f ms") + "  (x" + num(Field.FAIRNESS_RATIO, "%.2f") + ")"),
                line("peak jobs at once; A's jobs left", num(Field.FAIRNESS_PEAK_RUNNING, "%.0f") + "; "
                        + num(Field.FAIRNESS_BACKLOG_LEFT, "%.0f"))));
        section("tenants", "7", m.tenants() + " tenants x 2 queues", List.of(
                line("all consumers ready (calls returned)", num(Field.TENANTS_READY_S, "%.1f s") + " ("
                        + num(Field.TENANTS_START_CALLS_S, "%.1f s") + ")"),
                line("CPU until ready: node / broker", num(Field.TENANTS_START_NODE_CPU_S, "%.1f s") + " / "
                        + num(Field.TENANTS_START_BROKER_CPU_S, "%.1f s")),
                line("the broker alone declaring as many quorum queues (its CPU)", num(Field.TENANTS_DECLARE_BASELINE_S,
                        "%.1f s") + " (" + num(Field.TENANTS_DECLARE_BASELINE_CPU_S, "%.1f s") + ")"),
                line("... their owner and main queues as Roger declares them", num(Field.TENANTS_DECLARE_STARTED_S,
                        "%.1f s") + " (" + num(Field.TENANTS_DECLARE_STARTED_CPU_S, "%.1f s") + ")"),
                line("... those, and the consumers the start registers on them", num(Field.TENANTS_START_WORK_S,
                        "%.1f s") + " (" + num(Field.TENANTS_START_WORK_CPU_S, "%.1f s") + ")"),
                line("connections / channels", num(Field.TENANTS_CONNECTIONS, "%.0f") + " / "
                        + num(Field.TENANTS_CHANNELS, "%.0f")),
                line("idle CPU, their first 10 s (one core = 100)", num(Field.TENANTS_IDLE_CPU_FIRST_PCT, "%.2f %%")),
                line("idle CPU, the " + m.idleSeconds() + " s after", num(Field.TENANTS_IDLE_CPU_PCT, "%.2f %%")
                        + "  (node without them: " + num(Field.TENANTS_BASELINE_CPU_PCT, "%.2f %%") + ")"),
                line("heap used (growth), RSS", num(Field.TENANTS_HEAP_MB, "%.0f MB") + " ("
                        + num(Field.TENANTS_HEAP_GROWTH_MB, "%+.0f MB") + "), " + num(Field.TENANTS_RSS_MB, "%.0f MB")),
                line("RogerAdmin.info() with them (passive declares of their queues)", num(Field.TENANTS_INFO_MS,
                        "%.0f ms") + "  (" + num(Field.TENANTS_INFO_BASELINE_MS, "%.0f ms") + ")"),
                line("RogerAdmin.info() with them on 2 nodes", num(Field.TENANTS_INFO_TWO_NODES_MS, "%.0f ms")),
                line("console: GET /api/info (size)", num(Field.CONSOLE_INFO_MS, "%.0f ms") + " ("
                        + num(Field.CONSOLE_INFO_KB, "%.0f kB") + ")"),
                line("console: overview page until its nodes table", num(Field.CONSOLE_OVERVIEW_MS, "%.0f ms")),
                line("stopping them all", num(Field.TENANTS_STOP_S, "%.1f s"))));
        section("classic_tenants", "11", String.format(Locale.ROOT, "%,d tenants x 1 classic queue", m.classicTenants()),
                List.of(
                line("all consumers ready (calls returned)", num(Field.CLASSIC_TENANTS_READY_S, "%.1f s") + " ("
                        + num(Field.CLASSIC_TENANTS_START_CALLS_S, "%.1f s") + ")"),
                line("CPU until ready: node / broker", num(Field.CLASSIC_TENANTS_START_NODE_CPU_S, "%.1f s") + " / "
                        + num(Field.CLASSIC_TENANTS_START_BROKER_CPU_S, "%.1f s")),
                line("the broker alone declaring their owner and main queues (its CPU)",
                        num(Field.CLASSIC_TENANTS_DECLARE_BASELINE_S, "%.1f s") + " ("
                        + num(Field.CLASSIC_TENANTS_DECLARE_BASELINE_CPU_S, "%.1f s") + ")"),
                line("... those, and the consumers the start registers on them",
                        num(Field.CLASSIC_TENANTS_START_WORK_S, "%.1f s") + " ("
                        + num(Field.CLASSIC_TENANTS_START_WORK_CPU_S, "%.1f s") + ")"),
                line("connections / channels", num(Field.CLASSIC_TENANTS_CONNECTIONS, "%.0f") + " / "
                        + num(Field.CLASSIC_TENANTS_CHANNELS, "%.0f")),
                line("idle CPU, their first 10 s (one core = 100)",
                        num(Field.CLASSIC_TENANTS_IDLE_CPU_FIRST_PCT, "%.2f %%")),
                line("idle CPU, the " + m.idleSeconds() + " s after", num(Field.CLASSIC_TENANTS_IDLE_CPU_PCT, "%.2f %%") + "  (node without them: "
                        + num(Field.CLASSIC_TENANTS_BASELINE_CPU_PCT, "%.2f %%") + ")"),
                line("heap used (growth), RSS", num(Field.CLASSIC_TENANTS_HEAP_MB, "%.0f MB") + " ("
                        + num(Field.CLASSIC_TENANTS_HEAP_GROWTH_MB, "%+.0f MB") + "), "
                        + num(Field.CLASSIC_TENANTS_RSS_MB, "%.0f MB")),
                line("stopping them all", num(Field.CLASSIC_TENANTS_STOP_S, "%.1f s"))));
        section("observability", "8", "metrics and tracing cost", List.of(
                line("node CPU per 1000 jobs: on / off", num(Field.OBSERVABILITY_ON_CPU_MS_PER_1000, "%.0f") + " / "
                        + num(Field.OBSERVABILITY_OFF_CPU_MS_PER_1000, "%.0f ms") + "  (x"
                        + num(Field.OBSERVABILITY_CPU_RATIO, "%.2f") + ")")));
        var sched = m.scheduled();
        section("scheduled", "9", String.format(Locale.ROOT, "scheduled, %,d over %d s", sched.jobs(), sched.seconds()),
                List.of(
                line("lateness p50 / p99 / max (early)", num(Field.SCHEDULED_LATENESS_P50_MS, "%.1f") + " / "
                        + num(Field.SCHEDULED_LATENESS_P99_MS, "%.1f") + " / "
                        + num(Field.SCHEDULED_LATENESS_MAX_MS, "%.1f ms") + " ("
                        + num(Field.SCHEDULED_EARLY_JOBS, "%.0f") + ")"),
                line("unscheduled at " + String.format(Locale.ROOT, "%.0f/s", sched.rate()) + ": p50 / p99",
                        num(Field.SCHEDULED_BASELINE_P50_MS, "%.1f") + " / "
                        + num(Field.SCHEDULED_BASELINE_P99_MS, "%.1f ms")),
                line("cascade at its peak: messages, memory", num(Field.CASCADE_PEAK_MESSAGES, "%,.0f") + ", "
                        + num(Field.CASCADE_PEAK_MEMORY_MB, "%.1f MB")),
                line("broker RSS before / peak", num(Field.BROKER_MEMORY_BEFORE_MB, "%.0f") + " / "
                        + num(Field.BROKER_MEMORY_PEAK_MB, "%.0f MB"))));
        outboxSection();
        out.println();
        out.println("  Goals (issues 3, 12 and 13, meant for the full sizes; not assertions)");
        for (Targets.Target t : Targets.check(r)) {
            String verdict = t.met() == null ? "not measured" : t.met() ? "met" : "NOT MET";
            out.printf("    %-12s %-13s %-52s %s%n", t.key(), verdict, t.goal(), t.met() == null ? "" : t.detail());
        }
        if (!r.notes().isEmpty()) {
            out.println();
            out.println("  Notes");
            r.notes().forEach(n -> out.println("    - " + n));
        }
    }

    /** Case 10: each way of enqueueing on a line of its own, the outbox's ratio to the baseline beside it. */
    private void outboxSection() {
        section("outbox", "10", "outbox vs enqueue, 10 w", List.of(
                line("writes/s; end to end; p50 / p99 (light)", "one application thread, transactions of 10"),
                outboxLine("outbox", Field.OUTBOX_WRITES_PER_S, Field.OUTBOX_JOBS_PER_S, Field.OUTBOX_LATENCY_P50_MS,
                        Field.OUTBOX_LATENCY_P99_MS, ratioText(Field.OUTBOX_RATIO, "after commit")),
                outboxLine("enqueue after commit", Field.OUTBOX_AFTER_COMMIT_WRITES_PER_S,
                        Field.OUTBOX_AFTER_COMMIT_JOBS_PER_S, Field.OUTBOX_AFTER_COMMIT_LATENCY_P50_MS,
                        Field.OUTBOX_AFTER_COMMIT_LATENCY_P99_MS, ""),
                outboxLine("enqueue, no transaction", Field.OUTBOX_PLAIN_WRITES_PER_S, Field.OUTBOX_PLAIN_JOBS_PER_S,
                        Field.OUTBOX_PLAIN_LATENCY_P50_MS, Field.OUTBOX_PLAIN_LATENCY_P99_MS, "")));
    }

    private Line outboxLine(String way, Field writes, Field jobs, Field p50, Field p99, String extra) {
        return line(way, rate(writes, "writes/s") + "; " + rate(jobs, "jobs/s") + "; " + num(p50, "%.1f") + " / "
                + num(p99, "%.1f ms") + extra);
    }

    private record Line(String measure, String value) {
    }

    private static Line line(String measure, String value) {
        return new Line(measure, value);
    }

    private void section(String key, String number, String label, List<Line> lines) {
        Results.CaseStatus status = r.cases().get(key);
        if (status != null && !status.ok()) {
            out.printf(ROW, number, label, "NOT RUN", firstLine(status.error()));
            return;
        }
        List<Line> all = new ArrayList<>(lines);
        for (int i = 0; i < all.size(); i++) {
            out.printf(ROW, i == 0 ? number : "", i == 0 ? label : "", all.get(i).measure(), all.get(i).value());
        }
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.lines().findFirst().orElse("");
        return line.length() > 140 ? line.substring(0, 140) + "..." : line;
    }

    private String rate(Field f, String unit) {
        Double v = r.get(f);
        return v == null ? "-" : String.format(Locale.ROOT, "%,.0f %s", v, unit);
    }

    private String num(Field f, String format) {
        Double v = r.get(f);
        return v == null ? "-" : String.format(Locale.ROOT, format, v);
    }

    private String ratioText(Field f, String of) {
        Double v = r.get(f);
        return v == null ? "" : String.format(Locale.ROOT, "  (%.2f x %s)", v, of);
    }

    private String ratioText(Field f, String of, String prefix) {
        Double v = r.get(f);
        return v == null ? "" : String.format(Locale.ROOT, "  (%s%.2f x %s)", prefix, v, of);
    }
}
