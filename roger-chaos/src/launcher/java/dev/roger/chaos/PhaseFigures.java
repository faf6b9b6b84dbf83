package dev.roger.chaos;

import dev.roger.api.BuriedJob;
import dev.roger.chaos.app.ChaosJobs;
import dev.roger.chaos.broker.BrokerSet;
import dev.roger.chaos.broker.RabbitNode;
import dev.roger.chaos.db.ExecutionsDb;
import dev.roger.chaos.fault.FaultRecord;
import dev.roger.chaos.load.JobPlan;
import dev.roger.chaos.load.Ledger;
import dev.roger.chaos.node.ChaosNode;
import dev.roger.chaos.report.DuplicateOrigins;
import dev.roger.chaos.report.LogDigest;
import dev.roger.chaos.report.PhaseResult;
import dev.roger.chaos.report.Tally;
import dev.roger.client.AmqpRogerClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a phase's brokers, database and node logs say: the queues' contents and members while it
 * runs, and at its end the tally, the buried jobs, the duplicates by fault, the nodes' warnings.
 */
final class PhaseFigures {

    private final String name;
    private final BrokerSet brokers;
    private final List<ChaosNode> nodes;
    private final ExecutionsDb db;

    PhaseFigures(String name, BrokerSet brokers, List<ChaosNode> nodes, ExecutionsDb db) {
        this.name = name;
        this.brokers = brokers;
        this.nodes = List.copyOf(nodes);
        this.db = db;
    }

    /** Messages in the suite's queues (main, buried, retry), per non-empty queue. */
    Map<String, Long> leftInQueues() {
        Map<String, Long> left = new TreeMap<>();
        for (BrokerSet.QueueInfo q : brokers.queues()) {
            if (ChaosJobs.PARTITIONS.stream().anyMatch(p -> q.name().startsWith(p + "-")) && q.messages() > 0) {
                left.put(q.name(), q.messages());
            }
        }
        return left;
    }

    Map<String, List<String>> queueMembers() {
        Map<String, List<String>> members = new TreeMap<>();
        for (BrokerSet.QueueInfo q : brokers.queues()) {
            if (ChaosJobs.QUEUES.contains(q.name())) {
                members.put(q.name(), q.members());
            }
        }
        return members;
    }

    /**
     * Everything the phase found, read at its end.
     *
     * @param ledger  the producer's, or null when no job was sent
     * @param failure why the phase could not complete, else null
     */
    PhaseResult collect(JobPlan plan, Ledger ledger, List<FaultRecord> faults, Map<String, List<String>> members,
                        double bootSeconds, double seconds, String failure) {
        Tally tally = null;
        PhaseResult.Buried buried = PhaseResult.Buried.NONE;
        Map<String, Integer> duplicates = Map.of();
        Map<String, Long> left = Map.of();
        Map<String, Integer> consumers = Map.of();
        Map<String, Integer> perNode = Map.of();
        try {
            Set<String> lost = Set.of();
            Map<String, Integer> executions = db.executions(plan.prefix());
            if (ledger != null) {
                tally = Tally.of(plan.size(), ledger.confirmed(), ledger.threw(), ledger.gaveUp(), executions);
                lost = ledger.confirmed().stream().filter(id -> !executions.containsKey(id)).collect(Collectors.toSet());
            }
            duplicates = DuplicateOrigins.byFault(db.firstEndsOfDuplicates(plan.prefix()), faults);
            perNode = new TreeMap<>(db.executionsPerNode(plan.prefix()));
            left = leftInQueues();
            long count = left.entrySet().stream().filter(e -> e.getKey().endsWith(".buried"))
                    .mapToLong(Map.Entry::getValue).sum();
            buried = buried(count, lost, executions.keySet());
            consumers = new TreeMap<>(brokers.consumers(ChaosJobs.QUEUES));
        } catch (RuntimeException e) {
            failure = (failure == null ? "" : failure + "; ") + "collecting the results failed: " + e.getMessage();
        }
        Map<String, Map<String, Integer>> warnings = new LinkedHashMap<>();
        for (ChaosNode node : nodes) {
            for (Path log : node.logs()) {
                Map<String, Integer> w = LogDigest.rogerWarnings(log);
                if (!w.isEmpty()) {
                    warnings.put(log.getFileName().toString(), w);
                }
            }
        }
        return new PhaseResult(name, brokers.nodes().stream().map(RabbitNode::toString).toList(), bootSeconds, tally,
                buried, duplicates, left, consumers, members, faults,
                ledger == null ? Map.of() : ledger.errors(), ledger == null ? 0 : ledger.failedAttempts(), perNode, warnings,
                seconds, failure);
    }

    /**
     * The jobs in the suite's buried queues: per reason, error and node (the node's label, e.g.
     * {@code c-1}, for Roger's default node name {@code host:pid}), a sample of ids, how many of
     * the lost jobs are among them and how many of them ran all the same.
     */
    private PhaseResult.Buried buried(long count, Set<String> lost, Set<String> executed) {
        Map<Long, String> labels = new HashMap<>();
        nodes.forEach(n -> labels.putAll(n.labelsByPid()));
        Map<String, Integer> reasons = new TreeMap<>();
        List<String> ids = new ArrayList<>();
        try (AmqpRogerClient client = AmqpRogerClient.connect(brokers.amqpUri())) {
            for (String partition : ChaosJobs.PARTITIONS) {
                for (BuriedJob job : client.admin().buried(dev.roger.api.admin.BuriedQuery.inQueue(partition, "default")
                        .toBuilder().limit(dev.roger.api.admin.BuriedQuery.MAX_LIMIT).build()).jobs()) {
                    ids.add(job.jobId());
                    String error = job.errorClass().map(c -> " [" + c + ": " + job.errorMessage().orElse("") + "]")
                            .orElse("");
                    String key = job.reason() + (error.length() > 300 ? error.substring(0, 300) + "...]" : error)
                            + " on " + nodeLabel(job.node(), labels);
                    reasons.merge(key, 1, Integer::sum);
                }
            }
        }
        return new PhaseResult.Buried(count, reasons, ids.stream().sorted().limit(20).toList(),
                (int) ids.stream().filter(lost::contains).count(), (int) ids.stream().filter(executed::contains).count());
    }

    private static String nodeLabel(String node, Map<Long, String> labels) {
        int colon = node == null ? -1 : node.lastIndexOf(':');
        if (colon >= 0) {
            try {
                String label = labels.get(Long.parseLong(node.substring(colon + 1)));
                if (label != null) {
                    return label;
                }
            } catch (NumberFormatException e) {
                // Not host:pid: a configured node name, shown as it is.
            }
        }
        return String.valueOf(node);
    }
}
