package dev.roger.api.admin;

/**
 * What a purge removed.
 *
 * @param queued       jobs removed from the partition queue
 * @param retrying     jobs removed from its retry queues
 * @param buried       jobs removed from its buried queue
 * @param keysReleased queue keys the removed jobs held, given back to the partition's owner
 */
public record PurgeResult(long queued, long retrying, long buried, int keysReleased) {

    /** Every job removed. */
    public long total() {
        return queued + retrying + buried;
    }
}
