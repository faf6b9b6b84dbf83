package dev.roger.chaos.report;

import dev.roger.chaos.fault.FaultRecord;
import java.io.PrintStream;
import java.util.Map;

/** Prints a run's results for a person: per phase the faults, the tally, the buried jobs, the warnings. */
public final class Summary {

    private static final int MAX_WARNINGS = 12;

    private Summary() {
    }

    public static void print(PhaseResult p, PrintStream out) {
        out.println();
        out.printf("== phase %s on %s: %s (nodes consuming %.0f s after their start)%n", p.name(), p.brokers(),
                p.passed() ? "PASSED" : "FAILED", p.bootSeconds());
        if (p.failure() != null) {
            out.println("   could not complete: " + p.failure());
        }
        if (!p.queueMembers().isEmpty() && p.brokers().size() > 1) {
            out.println("   quorum members: " + p.queueMembers());
        }
        out.println("   faults:");
        for (FaultRecord f : p.faults()) {
            out.printf("     t+%5.1fs %s  %-22s %s%n", f.atSeconds(), f.injectedAt(), f.name(), f.detail());
            if (f.problem() != null) {
                out.println("       PROBLEM: " + f.problem());
            }
        }
        Tally t = p.tally();
        if (t != null) {
            out.printf("   confirmed %,d / executed %,d / lost %,d / duplicated %,d / executed-unconfirmed %,d (of %,d "
                    + "sent, in %.0f s)%n", t.confirmed(), t.executed(), t.lost(), t.duplicated(),
                    t.executedUnconfirmed(), t.planned(), p.seconds());
            out.printf("   duplicates: %,d extra executions; %,d of the duplicated had an enqueue that threw and was "
                    + "sent again; by fault: %s%n", t.extraExecutions(), t.duplicatedAfterRetry(), p.duplicatesByFault());
            out.printf("   producer: %,d enqueue calls threw (%,d jobs), %,d jobs given up%n", p.failedEnqueues(),
                    t.enqueueThrew(), t.gaveUp());
            p.enqueueErrors().forEach((e, n) -> out.printf("     %,6d x %s%n", n, e));
            if (t.lost() > 0) {
                out.println("   lost (sample): " + t.lostSample());
            }
        }
        PhaseResult.Buried b = p.buried();
        out.printf("   buried: %,d%s%n", b.count(), b.count() == 0 ? "" : String.format(
                " (%d of them lost, %d of them executed all the same; ids %s)", b.lost(), b.executed(), b.sample()));
        b.reasons().forEach((r, n) -> out.printf("     %,6d x %s%n", n, r));
        if (!p.leftInQueues().isEmpty()) {
            out.println("   left in queues: " + p.leftInQueues());
        }
        out.println("   consumers at the end: " + p.consumersAtEnd() + "; executions per node: " + p.executionsPerNode());
        for (Map.Entry<String, Map<String, Integer>> log : p.warnings().entrySet()) {
            out.println("   Roger warnings in " + log.getKey() + ":");
            log.getValue().entrySet().stream().limit(MAX_WARNINGS)
                    .forEach(w -> out.printf("     %,6d x %s%n", w.getValue(), w.getKey()));
            if (log.getValue().size() > MAX_WARNINGS) {
                out.printf("     ... and %d more kinds (see the results file)%n", log.getValue().size() - MAX_WARNINGS);
            }
        }
    }
}
