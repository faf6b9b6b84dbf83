package dev.roger.demo.launcher;

import java.io.PrintStream;
import java.util.Map;

/** Prints a run's result as a small table: jobs run and errors per partition, then the totals. */
final class SummaryTable {

    private static final String ROW = "  %-10s %10s %10s %10s%n";

    private SummaryTable() {
    }

    static void print(Outcome outcome, PrintStream out) {
        Stats stats = outcome.stats();
        out.println();
        out.printf(ROW, "partition", "enqueued", "jobs run", "errors");
        out.printf(ROW, "---------", "--------", "--------", "------");
        for (Map.Entry<String, Integer> p : outcome.plan().perPartition().entrySet()) {
            Stats.Counts c = stats.of(p.getKey());
            out.printf(ROW, p.getKey(), p.getValue(), c.runs(), c.errors());
        }
        out.printf(ROW, "---------", "--------", "--------", "------");
        out.printf(ROW, "total", outcome.enqueued(), stats.runs(), stats.errors());
        double seconds = outcome.progress().wall().toMillis() / 1000.0;
        out.printf("%n  wall time %.1f s, %.0f jobs/s, %d errors (%d jobs were set to fail)%n", seconds,
                seconds > 0 ? stats.done() / seconds : 0, stats.errors(), outcome.expectedErrors());
    }
}
