package dev.roger.ra.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fixed backoff schedule of retryable jobs: after the n-th failed attempt (n from 0) the job
 * runs again after {@code levels[n]} seconds; when the levels are used up it is buried. So a job
 * runs at most {@code levels.size() + 1} times.
 */
public record RetrySchedule(List<Integer> levels) {

    /** The original Roger's schedule, in seconds. */
    public static final RetrySchedule DEFAULT = new RetrySchedule(
            List.of(1, 3, 5, 10, 20, 35, 60, 100, 200, 400, 1000, 1800));

    public RetrySchedule {
        levels = List.copyOf(levels);
        for (int s : levels) {
            if (s < 0) {
                throw new IllegalArgumentException("retry level " + s + " s is negative");
            }
        }
    }

    /**
     * Parses {@code "1,3,5"} (seconds; spaces allowed; empty: never retry).
     *
     * @throws IllegalArgumentException naming the property and the bad value
     */
    public static RetrySchedule parse(String property, String text) {
        if (text == null || text.isBlank()) {
            return new RetrySchedule(List.of());
        }
        List<Integer> levels = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                levels.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid " + property + " '" + text + "': '" + part.strip()
                        + "' is not a whole number of seconds (expected e.g. 1,3,5,10)");
            }
        }
        try {
            return new RetrySchedule(levels);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + property + " '" + text + "': " + e.getMessage());
        }
    }

    /** The delay before the next attempt after {@code failedAttempts} failures, or empty when none is left. */
    public Optional<Duration> delayAfter(int failedAttempts) {
        int n = failedAttempts - 1;
        return n >= 0 && n < levels.size() ? Optional.of(Duration.ofSeconds(levels.get(n))) : Optional.empty();
    }

    @Override
    public String toString() {
        return levels.toString();
    }
}
