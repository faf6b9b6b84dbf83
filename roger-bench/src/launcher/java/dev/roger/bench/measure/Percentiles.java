package dev.roger.bench.measure;

import java.util.Arrays;

/**
 * Exact percentiles of a set of samples (nearest-rank: the smallest sample with at least p % of
 * the samples at or below it). Exact rather than a histogram because the sets are small (at most a
 * few hundred thousand latencies) and the p99 of 300 samples must be one of them, not an estimate.
 */
public final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** Percentiles of {@code samples} (copied; the array is not changed). */
    public static Percentiles of(long[] samples) {
        long[] copy = samples.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    public int count() {
        return sorted.length;
    }

    /**
     * The {@code p}-th percentile, 0 &lt; p &lt;= 100.
     *
     * @throws IllegalStateException when there are no samples
     */
    public long at(double p) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no samples");
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public long max() {
        return at(100);
    }
}
