package dev.roger.ra.cluster;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * What this node took and gave up of its partitions' global state since its last report, logged
 * as one line a tick: a node starting ten thousand tenants took ten thousand states, and a line
 * each buried everything else in the log. Each partition is still logged on its own at DEBUG.
 * Not thread-safe: its owner calls it under its lock.
 */
final class OwnershipChanges {

    private static final System.Logger LOG = System.getLogger(OwnershipChanges.class.getName());
    /** Partitions named in a report line; the rest are counted. */
    static final int NAMED = 5;

    private final String node;
    private final Changes took = new Changes();
    private final Changes gaveUp = new Changes();
    private final Changes lost = new Changes();
    private String lostBecause;

    OwnershipChanges(String node) {
        this.node = node;
    }

    private static final class Changes {
        int count;
        final List<String> named = new ArrayList<>();

        void add(String partition) {
            if (count++ < NAMED) {
                named.add(partition);
            }
        }

        @Override
        public String toString() {
            return count + (count == 1 ? " partition (" : " partitions (") + String.join(", ", named)
                    + (count > named.size() ? ", ..." : "") + ")";
        }

        void clear() {
            count = 0;
            named.clear();
        }
    }

    void took(String partition) {
        took.add(partition);
        LOG.log(Level.DEBUG, "Node {0} owns the global state of partition {1}", node, partition);
    }

    void gaveUp(String partition) {
        gaveUp.add(partition);
        LOG.log(Level.DEBUG, "Node {0} no longer owns the global state of partition {1}", node, partition);
    }

    /** Taken from it with its channel: the broker has handed the state on, so it was discarded here. */
    void lost(String partition, String because) {
        lost.add(partition);
        lostBecause = because;
        LOG.log(Level.DEBUG, "Node {0} lost the global state of partition {1} with its channel ({2})", node,
                partition, because);
    }

    /** Logs what changed since the last report, if anything; {@code owned}: how many it owns now. */
    void report(int owned) {
        if (lost.count > 0) {
            LOG.log(Level.WARNING, "Node {0} lost the global state of {1} with its channel ({2}); the next owner "
                    + "loads the stored state", node, lost, lostBecause);
            lost.clear();
        }
        if (took.count > 0) {
            LOG.log(Level.INFO, "Node {0} owns the global state of {1} more; {2} in all", node, took,
                    Integer.toString(owned));
            took.clear();
        }
        if (gaveUp.count > 0) {
            LOG.log(Level.INFO, "Node {0} no longer owns the global state of {1}; {2} left", node, gaveUp,
                    Integer.toString(owned));
            gaveUp.clear();
        }
    }
}
