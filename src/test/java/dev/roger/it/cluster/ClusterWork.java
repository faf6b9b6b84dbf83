package dev.roger.it.cluster;

/**
 * What a {@link ClusterJobBean} job does: record its start and stop in {@code table} (a table of
 * the running test, in the database of the application's DataSource) around a sleep of
 * {@code millis}.
 */
public record ClusterWork(String table, long millis) {
}
