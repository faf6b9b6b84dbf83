package dev.roger.api;

import java.util.List;
import java.util.Objects;

/**
 * What a cluster-wide command (cancel, pause, resume) reached: the nodes that answered, and how
 * many nodes were live when it was sent. A node that did not answer still learns the change from
 * the partition's owner within a few seconds, or when it next starts the partition.
 *
 * @param answered the names of the nodes that answered, sorted
 * @param expected how many nodes ran Roger when the command was sent
 */
public record ControlResult(List<String> answered, int expected) {

    public ControlResult {
        answered = List.copyOf(Objects.requireNonNull(answered, "answered"));
    }

    /** Whether every live node answered. */
    public boolean complete() {
        return answered.size() >= expected;
    }
}
