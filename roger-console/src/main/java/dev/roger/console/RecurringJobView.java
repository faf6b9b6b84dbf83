package dev.roger.console;

import dev.roger.api.RecurringJobInfo;
import java.time.Instant;

/**
 * A recurring job as the REST API shows it.
 *
 * @param lastTick the last tick it fired or skipped, or null
 * @param nextTick its next tick, or null when paused
 */
public record RecurringJobView(String name, String cron, String zone, String type, String queue, String misfire,
                               boolean paused, Instant lastTick, Instant nextTick) {

    static RecurringJobView of(RecurringJobInfo i) {
        return new RecurringJobView(i.job().name(), i.job().cron(), i.job().zone().getId(), i.job().type(),
                i.job().queue().orElse(null), i.job().misfire().name(), i.paused(), i.lastTick().orElse(null),
                i.nextTick().orElse(null));
    }
}
