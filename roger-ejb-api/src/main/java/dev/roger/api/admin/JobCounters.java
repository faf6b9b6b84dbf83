package dev.roger.api.admin;

/**
 * Jobs a node started since it started, and their outcomes so far. A retried attempt counts as
 * a failure and its next attempt as a new start; cancelled jobs and jobs put back (shutdown) are
 * in {@code started} only.
 *
 * @param started   attempts begun (the bean was called)
 * @param succeeded attempts that ended without an error
 * @param failed    attempts that failed (retried or buried)
 * @param buried    jobs this node buried (failures out of retries, bad input, poison)
 */
public record JobCounters(long started, long succeeded, long failed, long buried) {
}
