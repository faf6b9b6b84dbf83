package dev.roger.ra.engine;

import java.time.Duration;

/**
 * How the node ends deliveries it cannot finish normally.
 *
 * @param shutdownGrace   how long running jobs may finish after a shutdown or undeploy began
 *                        before they are interrupted and put back to their queues
 * @param stuckWarning    how long a delivery may stay unsettled at one stage before it is logged
 *                        as stuck (a running job with a maximum execution time gets that plus
 *                        {@link #STUCK_MARGIN} instead)
 * @param brokerConsumerTimeout the broker's {@code consumer_timeout} (zero: it has none); a job
 *                        whose delivery is held for half of it is detached from it
 */
public record DeliverySettings(Duration shutdownGrace, Duration stuckWarning, Duration brokerConsumerTimeout) {

    /** What a job with a maximum execution time may take beyond it before its delivery counts as stuck. */
    public static final Duration STUCK_MARGIN = Duration.ofSeconds(30);
}
