package dev.roger.api.spi;

import java.util.List;
import java.util.Objects;

/**
 * Whether this node's adapter is alive and ready, with the checks behind the answer, for the
 * health endpoints of the console (plain HTTP and MicroProfile Health).
 *
 * @param live   the adapter is started and not stopped: a restart is not called for
 * @param ready  the adapter is connected to the broker, its partitions are started and it is not
 *               shutting down
 * @param checks what was looked at, in a fixed order
 */
public record NodeHealth(boolean live, boolean ready, List<Check> checks) {

    public NodeHealth {
        checks = List.copyOf(checks);
    }

    /**
     * One thing looked at.
     *
     * @param name   e.g. {@code broker}, {@code partitions}, {@code shutdown}
     * @param up     whether it allows readiness
     * @param detail what was seen, in a few words
     */
    public record Check(String name, boolean up, String detail) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
