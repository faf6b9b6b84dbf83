package dev.roger.bench.load;

import dev.roger.bench.BenchFailure;
import dev.roger.bench.node.BenchApp;
import dev.roger.bench.node.PayaraNode;
import java.time.Duration;

/**
 * Waits until a partition has finished a number of jobs, as the benchmark application counts them.
 * Gives up when nothing finishes for a while (a lost job, a stuck node) instead of hanging, and
 * notices a node that died.
 */
public final class Completion {

    /**
     * The end of a run is the last job's own finish time, not when a poll saw it, so polling
     * faster gains nothing and costs the measured node CPU (a request every 100 ms was 3 % of it).
     */
    private static final long POLL_MILLIS = 250;
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private Completion() {
    }

    /**
     * @return the final counts, with {@code done >= expected}
     * @throws BenchFailure when the jobs stop progressing, or the node exits
     */
    public static BenchApp.PartitionStats await(PayaraNode node, String partition, long expected)
            throws InterruptedException {
        long lastDone = -1;
        long lastChange = System.nanoTime();
        while (true) {
            node.requireAlive();
            BenchApp.PartitionStats s = node.app().stats(partition).of(partition);
            if (s.done() + s.failed() >= expected) {
                if (s.failed() > 0) {
                    throw new BenchFailure(s.failed() + " jobs of " + partition + " failed (see the node's log)");
                }
                return s;
            }
            if (s.done() != lastDone) {
                lastDone = s.done();
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL_LIMIT.toNanos()) {
                throw new BenchFailure("Only " + s.done() + " of " + expected + " jobs of " + partition
                        + " finished, and none for " + STALL_LIMIT.toSeconds() + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
