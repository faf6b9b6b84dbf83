package dev.roger.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A recurring job as its partition's state owner holds it.
 *
 * @param job      its definition
 * @param paused   whether its ticks are skipped (a trigger still enqueues)
 * @param lastTick the last tick it fired or skipped; empty before its first
 * @param nextTick its next tick; empty when paused or when the expression has no further tick
 */
public record RecurringJobInfo(RecurringJob job, boolean paused, Optional<Instant> lastTick,
                               Optional<Instant> nextTick) {

    public RecurringJobInfo {
        Objects.requireNonNull(job, "job");
        lastTick = lastTick == null ? Optional.empty() : lastTick;
        nextTick = nextTick == null ? Optional.empty() : nextTick;
    }
}
