package dev.roger.it.cluster;

/**
 * What a {@link BuryJobBean} job does: record its start in {@code table}, then fail in a way that
 * buries it at once; jobs of the group {@code declined} fail with {@link BuryJobBean.Declined}.
 */
public record BuryWork(String table, String group) {
}
