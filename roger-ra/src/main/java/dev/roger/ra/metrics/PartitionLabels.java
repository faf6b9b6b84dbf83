package dev.roger.ra.metrics;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the {@code partition} label bounded: the first {@code cap} partitions this node sees keep
 * their name as the label value for the life of the node; any later one is labelled
 * {@value #OTHER}. With a thousand tenants per node, a label value each would multiply every job
 * series a thousandfold; a fixed cap keeps a scrape's size known in advance, and a partition's
 * label never changes once given (a series that moved between values would break rates).
 */
public final class PartitionLabels {

    /** The label value of the partitions past the cap. */
    public static final String OTHER = "_other";

    private static final System.Logger LOG = System.getLogger(PartitionLabels.class.getName());

    private final int cap;
    private final Set<String> labelled = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean warned = new AtomicBoolean();

    public PartitionLabels(int cap) {
        this.cap = cap;
    }

    /** The label value for {@code partition}. */
    public String of(String partition) {
        if (labelled.contains(partition)) {
            return partition;
        }
        synchronized (this) {
            if (labelled.size() < cap) {
                labelled.add(partition);
                return partition;
            }
        }
        if (warned.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "Roger metrics: {0} partitions have a partition label of their own "
                    + "(metricsPartitionLabels); {1} and later ones are counted as partition=\"{2}\"",
                    cap, partition, OTHER);
        }
        return OTHER;
    }

    /** Whether {@code partition} has a label value of its own (without giving it one). */
    public boolean has(String partition) {
        return labelled.contains(partition);
    }
}
