package dev.roger.chaos.report;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the producer's ledger and the executions table say together about one phase's jobs.
 *
 * @param planned             jobs the phase meant to send
 * @param confirmed           jobs whose enqueue returned (the broker confirmed them)
 * @param executed            distinct jobs executed to their end at least once
 * @param lost                confirmed but never executed: the figure that must be 0
 * @param duplicated          jobs executed more than once (at-least-once allows it; reported)
 * @param extraExecutions     executions beyond the first, over all jobs
 * @param duplicatedAfterRetry of the duplicated, those whose enqueue had thrown and was sent again
 *                            (the producer may have stored them twice)
 * @param executedUnconfirmed executed, though the producer never got a confirm for them
 * @param enqueueThrew        jobs whose enqueue threw at least once
 * @param gaveUp              jobs the producer stopped retrying (never confirmed)
 * @param lostSample          up to 20 lost ids, to look for in the logs
 * @param duplicatedSample    up to 20 duplicated ids
 */
public record Tally(int planned, int confirmed, int executed, int lost, int duplicated, int extraExecutions,
                    int duplicatedAfterRetry, int executedUnconfirmed, int enqueueThrew, int gaveUp,
                    List<String> lostSample, List<String> duplicatedSample) {

    private static final int SAMPLE = 20;

    public Tally {
        lostSample = List.copyOf(lostSample);
        duplicatedSample = List.copyOf(duplicatedSample);
    }

    /**
     * @param executions per executed job id, how many times it ran to its end
     */
    public static Tally of(int planned, Set<String> confirmed, Set<String> threw, Set<String> gaveUp,
                           Map<String, Integer> executions) {
        Set<String> lost = new HashSet<>(confirmed);
        lost.removeAll(executions.keySet());
        List<String> duplicated = executions.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .sorted().toList();
        int extra = executions.values().stream().mapToInt(n -> n - 1).sum();
        int afterRetry = (int) duplicated.stream().filter(threw::contains).count();
        int unconfirmed = (int) executions.keySet().stream().filter(id -> !confirmed.contains(id)).count();
        return new Tally(planned, confirmed.size(), executions.size(), lost.size(), duplicated.size(), extra, afterRetry,
                unconfirmed, threw.size(), gaveUp.size(), lost.stream().sorted().limit(SAMPLE).toList(),
                duplicated.stream().limit(SAMPLE).toList());
    }

    /** Whether every confirmed job ran (duplicates do not count against it). */
    public boolean nothingLost() {
        return lost == 0;
    }
}
