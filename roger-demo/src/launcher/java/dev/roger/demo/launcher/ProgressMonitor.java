package dev.roger.demo.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * Watches a run until every enqueued job has finished (ran or failed), printing one progress line
 * a second. Gives up when nothing finishes for a while, so a lost job shows up as a failed demo
 * instead of a hang.
 */
final class ProgressMonitor {

    /**
     * How the watch ended.
     *
     * @param stats    the last counts read
     * @param wall     from the first enqueue to the last job finished (or to giving up)
     * @param complete whether every enqueued job finished
     */
    record Result(Stats stats, Duration wall, boolean complete) {
    }

    private static final long POLL_MILLIS = 200;
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private final StatsClient stats;
    private final Producer producer;
    private final PayaraMicro payara;
    private final JobPlan plan;
    private final PrintStream out;

    ProgressMonitor(StatsClient stats, Producer producer, PayaraMicro payara, JobPlan plan, PrintStream out) {
        this.stats = stats;
        this.producer = producer;
        this.payara = payara;
        this.plan = plan;
        this.out = out;
    }

    /**
     * Watches from {@code startNanos} (when enqueueing began) until done or stalled.
     *
     * @throws DemoFailure when Payara exits meanwhile
     */
    Result await(long startNanos) throws InterruptedException {
        Stats last = Stats.NONE;
        long lastDone = 0;
        long lastChange = System.nanoTime();
        long lastLine = startNanos;
        long doneAtLastLine = 0;
        while (true) {
            Thread.sleep(POLL_MILLIS);
            payara.requireAlive();
            try {
                last = stats.read();
            } catch (IOException e) {
                // A missed reading is harmless: the next one catches up, and a stall is caught below.
            }
            long now = System.nanoTime();
            long done = last.done();
            if (done != lastDone) {
                lastDone = done;
                lastChange = now;
            }
            boolean complete = producer.finished() && done >= producer.enqueued();
            if (now - lastLine >= 1_000_000_000L || complete) {
                out.println(line(last, now - startNanos, done - doneAtLastLine, now - lastLine));
                doneAtLastLine = done;
                lastLine = now;
            }
            if (complete) {
                return new Result(last, Duration.ofNanos(now - startNanos), true);
            }
            if (Duration.ofNanos(now - lastChange).compareTo(STALL_LIMIT) > 0) {
                out.println("No job finished for " + STALL_LIMIT.toSeconds() + " s; giving up (see "
                        + payara.log() + ").");
                return new Result(last, Duration.ofNanos(now - startNanos), false);
            }
        }
    }

    private String line(Stats s, long elapsedNanos, long doneSinceLast, long sinceLastNanos) {
        int width = Integer.toString(plan.size()).length();
        StringBuilder b = new StringBuilder();
        b.append(String.format("[%5.1f s] enqueued %" + width + "d/%d |", elapsedNanos / 1e9, producer.enqueued(),
                plan.size()));
        for (Map.Entry<String, Integer> p : plan.perPartition().entrySet()) {
            int w = Integer.toString(p.getValue()).length();
            b.append(String.format(" %s %" + w + "d/%d", p.getKey(), s.of(p.getKey()).done(), p.getValue()));
        }
        double rate = sinceLastNanos <= 0 ? 0 : doneSinceLast / (sinceLastNanos / 1e9);
        b.append(String.format(" | %5.0f jobs/s | errors %d", rate, s.errors()));
        return b.toString();
    }
}
