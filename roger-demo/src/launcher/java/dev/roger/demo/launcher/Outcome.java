package dev.roger.demo.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run achieved against what it planned, and whether that is a success: every enqueued job
 * ran or failed exactly once, and exactly the jobs set to fail did.
 *
 * @param plan            the planned jobs
 * @param progress        how the watch ended, with the final counts
 * @param enqueued        jobs the broker confirmed
 * @param expectedErrors  confirmed jobs that were set to fail
 * @param enqueueFailures jobs that could not be enqueued
 * @param firstEnqueueError the first enqueue failure's message, or null
 */
record Outcome(JobPlan plan, ProgressMonitor.Result progress, int enqueued, int expectedErrors,
               int enqueueFailures, String firstEnqueueError) {

    Stats stats() {
        return progress.stats();
    }

    /** What went wrong, one sentence each; empty on success. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (enqueueFailures > 0) {
            problems.add(enqueueFailures + " of " + plan.size() + " jobs could not be enqueued; the first error: "
                    + firstEnqueueError);
        }
        long done = stats().done();
        if (done < enqueued) {
            problems.add("only " + done + " of " + enqueued + " enqueued jobs finished (ran or failed); "
                    + (enqueued - done) + " are unaccounted for");
        } else if (done > enqueued) {
            problems.add(done + " runs and errors for " + enqueued + " enqueued jobs: some ran more than once");
        }
        if (stats().errors() != expectedErrors) {
            problems.add(stats().errors() + " jobs failed, but " + expectedErrors + " were set to fail");
        }
        return problems;
    }
}
