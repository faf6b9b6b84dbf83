package dev.roger.ra.engine;

import dev.roger.api.PartitionSpec;
import dev.roger.ra.inbound.ActivationConfig;
import dev.roger.ra.inbound.InvalidActivationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partitions the active beans declare, merged per partition and queue. Two beans that give
 * one queue different worker counts conflict.
 */
final class PartitionDeclarations {

    private final Map<Object, ActivationConfig> byEndpoint = new LinkedHashMap<>();

    /**
     * Adds a bean's declarations.
     *
     * @throws InvalidActivationException naming both beans when a worker count conflicts
     */
    synchronized void add(Object endpoint, ActivationConfig config) {
        for (PartitionSpec spec : config.partitions()) {
            for (Map.Entry<String, Integer> q : spec.queues().entrySet()) {
                for (ActivationConfig other : byEndpoint.values()) {
                    Integer theirs = explicitWorkers(other, spec.partition(), q.getKey());
                    if (theirs != null && !theirs.equals(q.getValue())) {
                        throw new InvalidActivationException("Invalid Roger activation config of message-driven bean "
                                + config.bean() + ": property 'partitions' = '" + spec + "' gives queue '" + q.getKey()
                                + "' of partition '" + spec.partition() + "' " + q.getValue()
                                + " workers, but message-driven bean " + other.bean() + " gives it " + theirs);
                    }
                }
            }
        }
        byEndpoint.put(endpoint, config);
    }

    synchronized void remove(Object endpoint) {
        byEndpoint.remove(endpoint);
    }

    /**
     * Partition id to the merged spec, sorted by id. The implicit default partition is used only
     * while no active bean declares partitions: once one does, the node runs exactly what is
     * declared, and beans without declarations run their type in those partitions.
     */
    synchronized Map<String, PartitionSpec> merged() {
        boolean anyExplicit = byEndpoint.values().stream().anyMatch(c -> !c.partitions().isEmpty());
        Map<String, Map<String, Integer>> queuesByPartition = new TreeMap<>();
        for (ActivationConfig c : byEndpoint.values()) {
            if (anyExplicit == c.partitions().isEmpty()) {
                continue;
            }
            for (PartitionSpec spec : c.effectivePartitions()) {
                queuesByPartition.computeIfAbsent(spec.partition(), p -> new TreeMap<>()).putAll(spec.queues());
            }
        }
        Map<String, PartitionSpec> result = new TreeMap<>();
        queuesByPartition.forEach((p, queues) -> result.put(p, PartitionSpec.of(p, queues)));
        return result;
    }

    /** The beans declared now, for messages. */
    synchronized List<ActivationConfig> configs() {
        return new ArrayList<>(byEndpoint.values());
    }

    private static Integer explicitWorkers(ActivationConfig config, String partition, String queue) {
        for (PartitionSpec spec : config.partitions()) {
            if (spec.partition().equals(partition)) {
                return spec.queues().get(queue);
            }
        }
        return null;
    }
}
