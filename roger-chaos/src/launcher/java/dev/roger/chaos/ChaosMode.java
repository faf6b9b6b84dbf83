package dev.roger.chaos;

import java.time.Duration;

/**
 * How big a run is.
 *
 * @param name      {@code short} or {@code full}
 * @param jobs      jobs per phase
 * @param rate      jobs per second the producer sends
 * @param rounds    how many times each fault is injected per phase
 * @param minMillis shortest job
 * @param maxMillis longest job
 */
public record ChaosMode(String name, int jobs, double rate, int rounds, int minMillis, int maxMillis) {

    /** How long a broker stays down in a stop_app/start_app or a killed member. */
    public static final Duration BROKER_DOWN = Duration.ofSeconds(5);
    /** How long a node may take to exit after SIGTERM before it is killed. */
    public static final Duration TERM_GRACE = Duration.ofSeconds(60);
    /** How long the producer retries one job before it gives up on it. */
    public static final Duration GIVE_UP = Duration.ofMinutes(3);

    /** CI: each fault once, 2,000 jobs per phase. */
    public static final ChaosMode SHORT = new ChaosMode("short", 2_000, 80, 1, 20, 300);
    /** The documented run: each fault twice, 10,000 jobs per phase. */
    public static final ChaosMode FULL = new ChaosMode("full", 10_000, 80, 2, 20, 300);

    public ChaosMode withJobs(int n) {
        if (n < 100) {
            throw new IllegalArgumentException("--jobs must be at least 100, not " + n);
        }
        return new ChaosMode(name, n, rate, rounds, minMillis, maxMillis);
    }
}
