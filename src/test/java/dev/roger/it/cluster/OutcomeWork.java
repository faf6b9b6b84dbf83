package dev.roger.it.cluster;

/**
 * What an {@link OutcomeJobBean} job does: write one row (its node, job id and {@code attempt}, the
 * producer's enqueue attempt that published this copy) into {@code table}, then sleep {@code millis}.
 */
public record OutcomeWork(String table, int attempt, long millis) {
}
