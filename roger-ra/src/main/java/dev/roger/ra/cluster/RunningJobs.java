package dev.roger.ra.cluster;

import dev.roger.ra.inbound.RunningJob;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The jobs running on this node, by partition and job id: what a cancel looks for and leases renew. */
final class RunningJobs {

    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();

    void add(RunningJob job) {
        running.put(key(job.partition(), job.job().id()), job);
    }

    void remove(RunningJob job) {
        running.remove(key(job.partition(), job.job().id()), job);
    }

    Optional<RunningJob> find(String partition, String jobId) {
        return Optional.ofNullable(running.get(key(partition, jobId)));
    }

    /**
     * Running jobs that hold a lease at their partition's owner (an execution key, or the run of an
     * idempotent job), grouped by partition: their leases need renewing.
     */
    Map<String, List<String>> holdingLeases() {
        Map<String, List<String>> result = new java.util.HashMap<>();
        running.values().stream().filter(r -> r.job().executionKey().isPresent() || r.job().idempotent())
                .forEach(r -> result.computeIfAbsent(r.partition(), p -> new java.util.ArrayList<>()).add(r.job().id()));
        return result;
    }

    private static String key(String partition, String jobId) {
        return partition + '\u0000' + jobId;
    }
}
