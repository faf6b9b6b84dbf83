package dev.roger.api;

/**
 * Marks an exception as final: a job that fails with it (or with a cause that implements it) is
 * buried at once, even when it is retryable, because running it again cannot help (bad
 * arguments, a record that no longer exists). Implement it on your own exceptions, or throw
 * {@link NonRetryableException}.
 */
public interface NonRetryable {
}
