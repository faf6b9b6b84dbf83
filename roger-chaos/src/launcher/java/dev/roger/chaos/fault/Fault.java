package dev.roger.chaos.fault;

import java.time.Instant;

/**
 * One fault the suite injects. {@link #inject()} does the damage and starts what a real operator
 * or supervisor would do next (start the broker's application again, restart the node); the
 * suite then waits until every node consumes again before it goes on.
 */
public interface Fault {

    /** What is done, e.g. {@code close_all_connections}; the report's name for it. */
    String name();

    /** Injects the fault and starts the recovery. */
    Outcome inject();

    /**
     * What happened.
     *
     * @param struckAt when the damage was done (after any look-ups the fault made first)
     * @param detail   in words: target, process ids, how a shutdown went
     * @param problem  what went wrong that the suite must fail for (e.g. no node reconnected to
     *                 another cluster member), else null
     */
    record Outcome(Instant struckAt, String detail, String problem) {
        static Outcome of(Instant struckAt, String detail) {
            return new Outcome(struckAt, detail, null);
        }
    }
}
