package dev.roger.ra.metrics;

import java.time.Duration;

/**
 * The histogram buckets, fixed and few: Micrometer's percentile histogram would publish about 70
 * buckets per series, which times the job series (partition, queue, type) is most of a scrape.
 */
final class Buckets {

    /** From a no-op job to a half-hour one; the broker's default consumer timeout is 30 minutes. */
    static final Duration[] SECONDS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofSeconds(1800)};

    private Buckets() {
    }
}
