package dev.roger.it.cluster;

/**
 * What a {@link FailuresJobBean} job does: record its start and stop in {@code table} around a
 * sleep of {@code millis}, or of {@code againMillis} when the table already has a start of this
 * job (it runs again, e.g. redelivered after its node died).
 */
public record FailuresWork(String table, long millis, long againMillis) {
}
