package dev.roger.bench.report;

/**
 * The numeric fields of the results file. The first block is what issue 3 asks for (medians over
 * the repetitions); the rest explains them (sizes, peaks, growth) and is reported alongside.
 */
public enum Field {
    PERFTEST_MSGS_PER_S("perftest_msgs_per_s"),
    ROGER_JOBS_PER_S("roger_jobs_per_s"),
    THROUGHPUT_RATIO("throughput_ratio"),
    ROGER_JOBS_PER_S_100W("roger_jobs_per_s_100w"),
    PERFTEST_MSGS_PER_S_100W("perftest_msgs_per_s_100w"),
    ROGER_LATENCY_P50_MS("roger_latency_p50_ms"),
    ROGER_LATENCY_P99_MS("roger_latency_p99_ms"),
    PERFTEST_LATENCY_P99_MS("perftest_latency_p99_ms"),
    JOBRUNR_JOBS_PER_S("jobrunr_jobs_per_s"),
    JOBRUNR_RATIO("jobrunr_ratio"),
    RSS_IDLE_MB("rss_idle_mb"),
    RSS_LOAD_MB("rss_load_mb"),
    FAIRNESS_P99_ALONE_MS("fairness_p99_alone_ms"),
    FAIRNESS_P99_FLOOD_MS("fairness_p99_flood_ms"),
    FAIRNESS_RATIO("fairness_ratio"),
    TENANTS_READY_S("tenants_ready_s"),
    TENANTS_DECLARE_BASELINE_S("tenants_declare_baseline_s"),
    TENANTS_DECLARE_BASELINE_CPU_S("tenants_declare_baseline_cpu_s"),
    TENANTS_DECLARE_STARTED_S("tenants_declare_started_s"),
    TENANTS_DECLARE_STARTED_CPU_S("tenants_declare_started_cpu_s"),
    TENANTS_IDLE_CPU_PCT("tenants_idle_cpu_pct"),
    TENANTS_IDLE_CPU_FIRST_PCT("tenants_idle_cpu_first_pct"),
    /** Derived: the median idle CPU with the tenants less the node's own before them, in points. */
    TENANTS_IDLE_CPU_OVER_BASELINE("tenants_idle_cpu_over_baseline"),
    TENANTS_HEAP_MB("tenants_heap_mb"),
    OBSERVABILITY_CPU_RATIO("observability_cpu_ratio"),
    SCHEDULED_LATENESS_P99_MS("scheduled_lateness_p99_ms"),
    CASCADE_PEAK_MESSAGES("cascade_peak_messages"),
    CASCADE_PEAK_MEMORY_MB("cascade_peak_memory_mb"),

    MESSAGE_BYTES("message_bytes"),
    PERFTEST_BROKER_CPU_MS_PER_1000("perftest_broker_cpu_ms_per_1000"),
    BARE_CONSUMER_CPU_MS_PER_1000("bare_consumer_cpu_ms_per_1000"),
    ROGER_BROKER_CPU_MS_PER_1000("roger_broker_cpu_ms_per_1000"),
    ROGER_NODE_CPU_MS_PER_1000("roger_node_cpu_ms_per_1000"),
    THROUGHPUT_RATIO_100W("throughput_ratio_100w"),
    ROGER_JOBS_PER_S_WARMUP("roger_jobs_per_s_warmup"),
    ROGER_PEAK_RUNNING_10W("roger_peak_running_10w"),
    ROGER_PEAK_RUNNING_100W("roger_peak_running_100w"),
    ROGER_LATENCY_MAX_MS("roger_latency_max_ms"),
    ROGER_LATENCY_RATE("roger_latency_achieved_rate"),
    PERFTEST_LATENCY_P50_MS("perftest_latency_p50_ms"),
    JOBRUNR_POLL_INTERVAL_S("jobrunr_poll_interval_s"),
    HEAP_IDLE_MB("heap_idle_mb"),
    HEAP_LOAD_MB("heap_load_mb"),
    FAIRNESS_PEAK_RUNNING("fairness_peak_running"),
    FAIRNESS_BACKLOG_LEFT("fairness_backlog_left"),
    TENANTS_START_CALLS_S("tenants_start_calls_s"),
    TENANTS_START_NODE_CPU_S("tenants_start_node_cpu_s"),
    TENANTS_START_BROKER_CPU_S("tenants_start_broker_cpu_s"),
    TENANTS_BASELINE_CPU_PCT("tenants_baseline_cpu_pct"),
    TENANTS_HEAP_GROWTH_MB("tenants_heap_growth_mb"),
    TENANTS_RSS_MB("tenants_rss_mb"),
    TENANTS_CONNECTIONS("tenants_connections"),
    TENANTS_CHANNELS("tenants_channels"),
    TENANTS_STOP_S("tenants_stop_s"),
    TENANTS_INFO_MS("tenants_info_ms"),
    TENANTS_INFO_BASELINE_MS("tenants_info_baseline_ms"),
    TENANTS_INFO_TWO_NODES_MS("tenants_info_two_nodes_ms"),
    CONSOLE_INFO_MS("console_info_ms"),
    CONSOLE_INFO_KB("console_info_kb"),
    CONSOLE_OVERVIEW_MS("console_overview_ms"),
    CLASSIC_TENANTS_READY_S("classic_tenants_ready_s"),
    CLASSIC_TENANTS_START_CALLS_S("classic_tenants_start_calls_s"),
    CLASSIC_TENANTS_START_NODE_CPU_S("classic_tenants_start_node_cpu_s"),
    CLASSIC_TENANTS_START_BROKER_CPU_S("classic_tenants_start_broker_cpu_s"),
    CLASSIC_TENANTS_DECLARE_BASELINE_S("classic_tenants_declare_baseline_s"),
    CLASSIC_TENANTS_DECLARE_BASELINE_CPU_S("classic_tenants_declare_baseline_cpu_s"),
    CLASSIC_TENANTS_CONNECTIONS("classic_tenants_connections"),
    CLASSIC_TENANTS_CHANNELS("classic_tenants_channels"),
    CLASSIC_TENANTS_IDLE_CPU_PCT("classic_tenants_idle_cpu_pct"),
    CLASSIC_TENANTS_IDLE_CPU_FIRST_PCT("classic_tenants_idle_cpu_first_pct"),
    CLASSIC_TENANTS_BASELINE_CPU_PCT("classic_tenants_baseline_cpu_pct"),
    CLASSIC_TENANTS_HEAP_MB("classic_tenants_heap_mb"),
    CLASSIC_TENANTS_HEAP_GROWTH_MB("classic_tenants_heap_growth_mb"),
    CLASSIC_TENANTS_RSS_MB("classic_tenants_rss_mb"),
    CLASSIC_TENANTS_STOP_S("classic_tenants_stop_s"),
    OBSERVABILITY_ON_CPU_MS_PER_1000("observability_on_node_cpu_ms_per_1000"),
    OBSERVABILITY_OFF_CPU_MS_PER_1000("observability_off_node_cpu_ms_per_1000"),
    SCHEDULED_LATENESS_P50_MS("scheduled_lateness_p50_ms"),
    SCHEDULED_LATENESS_MAX_MS("scheduled_lateness_max_ms"),
    SCHEDULED_EARLY_JOBS("scheduled_early_jobs"),
    SCHEDULED_RATE("scheduled_achieved_rate"),
    SCHEDULED_BASELINE_P50_MS("scheduled_baseline_p50_ms"),
    SCHEDULED_BASELINE_P99_MS("scheduled_baseline_p99_ms"),
    BROKER_MEMORY_BEFORE_MB("broker_memory_before_mb"),
    BROKER_MEMORY_PEAK_MB("broker_memory_peak_mb"),

    // Case 10: the outbox against RogerClient.enqueue after each commit and outside transactions.
    OUTBOX_RATIO("outbox_ratio"),
    OUTBOX_WRITES_PER_S("outbox_writes_per_s"),
    OUTBOX_JOBS_PER_S("outbox_jobs_per_s"),
    OUTBOX_LATENCY_P50_MS("outbox_latency_p50_ms"),
    OUTBOX_LATENCY_P99_MS("outbox_latency_p99_ms"),
    OUTBOX_AFTER_COMMIT_WRITES_PER_S("outbox_after_commit_writes_per_s"),
    OUTBOX_AFTER_COMMIT_JOBS_PER_S("outbox_after_commit_jobs_per_s"),
    OUTBOX_AFTER_COMMIT_LATENCY_P50_MS("outbox_after_commit_latency_p50_ms"),
    OUTBOX_AFTER_COMMIT_LATENCY_P99_MS("outbox_after_commit_latency_p99_ms"),
    OUTBOX_PLAIN_WRITES_PER_S("outbox_plain_writes_per_s"),
    OUTBOX_PLAIN_JOBS_PER_S("outbox_plain_jobs_per_s"),
    OUTBOX_PLAIN_LATENCY_P50_MS("outbox_plain_latency_p50_ms"),
    OUTBOX_PLAIN_LATENCY_P99_MS("outbox_plain_latency_p99_ms");

    private final String key;

    Field(String key) {
        this.key = key;
    }

    /** The name in the results file. */
    public String key() {
        return key;
    }
}
