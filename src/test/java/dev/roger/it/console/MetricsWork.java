package dev.roger.it.console;

/**
 * {@link MetricsJobBean}'s arguments: {@code ok} returns, {@code fail-once} throws on its first
 * attempt only, {@code bury} throws a non-retryable error, {@code hold} sleeps until interrupted
 * (cancelled, or the shutdown grace ends).
 */
public record MetricsWork(String mode) {
}
