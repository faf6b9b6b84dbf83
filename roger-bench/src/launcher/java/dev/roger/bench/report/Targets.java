package dev.roger.bench.report;

import java.util.List;

/**
 * The goals of issue 3 (and of the issues that added cases since), checked against a run's medians. They are goals, not assertions: the
 * table marks each met or not met, and the exit code does not depend on them.
 */
public final class Targets {

    /** One goal and whether this run met it (null when its figures are missing). */
    public record Target(String key, String goal, Boolean met, String detail) {
    }

    private Targets() {
    }

    public static List<Target> check(Results r) {
        return List.of(
                atLeast("throughput", "Roger (10 workers) >= 1.0 x PerfTest (prefetch 10) (issue 15)",
                        r.get(Field.THROUGHPUT_RATIO), 1.0, "ratio"),
                atLeast("throughput_100w", "Roger (100 workers) >= 1.0 x PerfTest (prefetch 100) (issue 15)",
                        r.get(Field.THROUGHPUT_RATIO_100W), 1.0, "ratio"),
                atMost("node_cpu", "node CPU per 1,000 no-op jobs <= 50 ms (issue 15)",
                        r.get(Field.ROGER_NODE_CPU_MS_PER_1000), 50, "ms"),
                latency(r),
                latencyP50(r),
                atLeast("peer", "Roger (10 workers) >= 10 x JobRunr (issue 15)", r.get(Field.JOBRUNR_RATIO), 10, "ratio"),
                atMost("fairness", "B's p99 during A's flood <= 2 x alone", r.get(Field.FAIRNESS_RATIO), 2, "ratio"),
                atMost("tenants_ready", "1,000 tenants x 2 queues ready <= 10 s (issue 15)", r.get(Field.TENANTS_READY_S), 10, "s"),
                atMost("tenants_cpu", "idle CPU with them, after their first 10 s, <= 2 % (of one core) (issue 15)",
                        r.get(Field.TENANTS_IDLE_CPU_PCT), 2, "%"),
                atMost("tenants_cpu_first", "idle CPU with them, their first 10 s, <= 2 % (issue 15)",
                        r.get(Field.TENANTS_IDLE_CPU_FIRST_PCT), 2, "%"),
                atMost("tenants_cpu_own", "idle CPU with them <= 1 point over the node without them (issue 15)",
                        r.get(Field.TENANTS_IDLE_CPU_OVER_BASELINE), 1, "points"),
                atMost("tenants_heap", "heap growth with them <= 256 MB", r.get(Field.TENANTS_HEAP_GROWTH_MB), 256, "MB"),
                atMost("tenants_info", "RogerAdmin.info() with them on 2 nodes <= 2 s (issue 15)",
                        r.get(Field.TENANTS_INFO_TWO_NODES_MS), 2000, "ms"),
                atMost("classic_ready", "10,000 tenants x 1 classic queue ready <= 60 s (issue 15)",
                        r.get(Field.CLASSIC_TENANTS_READY_S), 60, "s"),
                atMost("classic_cpu", "idle CPU with them <= 5 % (issue 15)", r.get(Field.CLASSIC_TENANTS_IDLE_CPU_PCT), 5,
                        "%"),
                atMost("classic_heap", "heap growth with them <= 256 MB (issue 15)",
                        r.get(Field.CLASSIC_TENANTS_HEAP_GROWTH_MB), 256, "MB"),
                atMost("observability", "node CPU per job with metrics and tracing <= 1.10 x without (issue 12)",
                        r.get(Field.OBSERVABILITY_CPU_RATIO), 1.10, "ratio"),
                atMost("scheduled", "scheduled jobs' lateness p99 <= 1000 ms", r.get(Field.SCHEDULED_LATENESS_P99_MS),
                        1000, "ms"),
                atMost("sched_early", "no scheduled job starts before its runAt", r.get(Field.SCHEDULED_EARLY_JOBS),
                        0, "jobs"),
                atLeast("outbox", "outbox end to end >= 0.5 x enqueue after commit", r.get(Field.OUTBOX_RATIO), 0.5,
                        "ratio"));
    }

    private static Target latency(Results r) {
        return withinOf("latency", "Roger p99 <= PerfTest p99 + 5 ms", r.get(Field.ROGER_LATENCY_P99_MS),
                r.get(Field.PERFTEST_LATENCY_P99_MS), 5, "%.1f vs %.1f + 5 ms");
    }

    private static Target latencyP50(Results r) {
        return withinOf("latency_p50", "Roger p50 <= PerfTest p50 + 0.5 ms (issue 15)", r.get(Field.ROGER_LATENCY_P50_MS),
                r.get(Field.PERFTEST_LATENCY_P50_MS), 0.5, "%.2f vs %.2f + 0.5 ms");
    }

    /** Met when {@code roger} is at most {@code margin} above its reference. */
    private static Target withinOf(String key, String goal, Double roger, Double reference, double margin,
                                   String format) {
        if (roger == null || reference == null) {
            return new Target(key, goal, null, "not measured");
        }
        return new Target(key, goal, roger <= reference + margin, String.format(format, roger, reference));
    }

    private static Target atLeast(String key, String goal, Double value, double bound, String unit) {
        return value == null ? new Target(key, goal, null, "not measured")
                : new Target(key, goal, value >= bound, String.format("%.2f %s", value, unit));
    }

    private static Target atMost(String key, String goal, Double value, double bound, String unit) {
        return value == null ? new Target(key, goal, null, "not measured")
                : new Target(key, goal, value <= bound, String.format("%.2f %s", value, unit));
    }
}
