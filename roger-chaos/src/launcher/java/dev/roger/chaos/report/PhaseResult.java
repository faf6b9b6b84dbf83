package dev.roger.chaos.report;

import dev.roger.chaos.fault.FaultRecord;
import java.util.List;
import java.util.Map;

/**
 * Everything one phase found.
 *
 * @param name              {@code nodes} or {@code cluster}
 * @param brokers           the phase's RabbitMQ nodes
 * @param bootSeconds       from starting the nodes until all of them consumed
 * @param tally             confirmed / executed / lost / duplicated / executed-unconfirmed (null if no job was sent)
 * @param buried            the suite's buried queues
 * @param duplicatesByFault per fault, the duplicates it most likely caused (see {@link DuplicateOrigins})
 * @param leftInQueues      messages still in a queue of the suite at the end, per non-empty queue
 * @param consumersAtEnd    consumers per main queue at the end (one per node is right)
 * @param queueMembers      per main queue, its quorum members (all of the cluster's, in the cluster phase)
 * @param faults            the faults, in order
 * @param enqueueErrors     what enqueue threw, with how often
 * @param failedEnqueues    enqueue calls that threw
 * @param executionsPerNode executions per node incarnation (e.g. {@code a-2})
 * @param warnings          per node log, Roger's WARNING/SEVERE records (and other SEVERE ones) by first line
 * @param seconds           from the first enqueue to the end of the drain
 * @param failure           why the phase could not complete (a broker or node that did not come up), else null
 */
public record PhaseResult(String name, List<String> brokers, double bootSeconds, Tally tally, Buried buried,
                          Map<String, Integer> duplicatesByFault, Map<String, Long> leftInQueues,
                          Map<String, Integer> consumersAtEnd, Map<String, List<String>> queueMembers,
                          List<FaultRecord> faults, Map<String, Integer> enqueueErrors, long failedEnqueues,
                          Map<String, Integer> executionsPerNode, Map<String, Map<String, Integer>> warnings,
                          double seconds, String failure) {

    /**
     * The suite's buried queues at the end.
     *
     * @param count   messages in them
     * @param reasons per reason, error and node, how many buried jobs give it
     * @param sample  up to 20 buried job ids
     * @param lost     how many of the phase's lost jobs are among them
     * @param executed how many of them were executed all the same (a copy ran elsewhere)
     */
    public record Buried(long count, Map<String, Integer> reasons, List<String> sample, int lost, int executed) {
        public static final Buried NONE = new Buried(0, Map.of(), List.of(), 0, 0);
    }

    /** A phase that could not start. */
    public static PhaseResult notRun(String name, String failure) {
        return new PhaseResult(name, List.of(), 0, null, Buried.NONE, Map.of(), Map.of(), Map.of(), Map.of(), List.of(),
                Map.of(), 0, Map.of(), Map.of(), 0, failure);
    }

    /** Nothing lost, nothing buried, no fault with a problem, and the phase ran to its end. */
    public boolean passed() {
        return failure == null && tally != null && tally.nothingLost() && buried.count() == 0
                && faults.stream().allMatch(f -> f.problem() == null);
    }
}
