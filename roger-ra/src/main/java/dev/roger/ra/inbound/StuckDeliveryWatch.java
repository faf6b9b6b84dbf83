package dev.roger.ra.inbound;

import dev.roger.api.Names;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Names deliveries that stay unsettled too long, with where they are stuck: a running job past
 * its maximum execution time plus a margin (the timeout should have ended it), or any delivery
 * at one stage for longer than the watchdog time. It only logs: the delivery's outcome is still
 * decided where it is.
 */
public final class StuckDeliveryWatch {

    private static final System.Logger LOG = System.getLogger(StuckDeliveryWatch.class.getName());

    private final Settler settler;
    private final Duration watchdog;
    private final Duration margin;

    public StuckDeliveryWatch(Settler settler, Duration watchdog, Duration margin) {
        this.settler = settler;
        this.watchdog = watchdog;
        this.margin = margin;
    }

    /** Logs each delivery stuck longer than its bound, once. */
    public void check() {
        long now = System.nanoTime();
        for (Delivery d : settler.unsettled()) {
            Duration limit = d.limit();
            Duration bound = limit != null && d.stage().startsWith("running") ? limit.plus(margin) : watchdog;
            Duration at = Duration.ofNanos(now - d.stageSince());
            if (at.compareTo(bound) > 0 && d.firstWarning()) {
                LOG.log(Level.WARNING, "Job {0} from {1} is still unsettled after {2} s at ''{3}'' (bound {4} s)",
                        d.jobId(), d.mainQueue(), at.toSeconds(), d.stage(),
                        bound.toSeconds());
            }
        }
    }
}
