package dev.roger.bench.app;

/**
 * Names shared by the benchmark's beans and its launcher, in one place so they cannot drift (the
 * launcher has the WAR's classes on its class path, as the demo's launcher has the demo's).
 */
public final class BenchJobs {

    /** Every partition, and so every queue, the benchmark creates starts with this: the clean-up deletes by it. */
    public static final String PREFIX = "rogerbench-";

    /** The job type of {@link NoopJob}. */
    public static final String NOOP = "bench-noop";

    /** The job type of {@link SleepJob}; its arguments are the milliseconds to sleep, as a JSON number. */
    public static final String SLEEP = "bench-sleep";

    /**
     * The partitions the beans declare. Declaring one keeps the node from consuming the adapter's
     * default partition ({@code default-default}), which other applications on the same broker may
     * use; every measured partition is started at runtime through {@link PartitionsServlet}.
     */
    public static final String DECLARED_PARTITIONS = PREFIX + "idle[default=1]";

    /** The queue of {@link #DECLARED_PARTITIONS}: a consumer on it shows the beans were activated. */
    public static final String DECLARED_QUEUE = PREFIX + "idle-default";

    private BenchJobs() {
    }
}
