package dev.roger.ra.cluster;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random intervals for the periodic work of many partitions (replica refreshes, idle recurring
 * asks): started together, a thousand partitions would otherwise all come due on the same tick.
 */
final class Spread {

    private Spread() {
    }

    /** A random duration from half of {@code interval} to all of it. */
    static Duration over(Duration interval) {
        long half = interval.toMillis() / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
