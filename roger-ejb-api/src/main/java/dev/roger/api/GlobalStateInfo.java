package dev.roger.api;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A snapshot of a partition's cluster-wide state, as its owner holds it.
 *
 * @param partition     the partition
 * @param owner         the node that owns the state
 * @param pausedQueues  queues no node starts jobs from
 * @param queueKeys     queue key to the id of the job that holds it (queued, waiting or running)
 * @param executionKeys execution key to the id of the running job that holds it
 * @param waitingKeys   execution keys with jobs waiting in {@code <partition>-execution-waiting-<key>}
 * @param cancelledJobs how many cancelled job ids are remembered (until seen, or for the retention)
 */
public record GlobalStateInfo(String partition, String owner, Set<String> pausedQueues, Map<String, String> queueKeys,
                              Map<String, String> executionKeys, Set<String> waitingKeys, int cancelledJobs) {

    public GlobalStateInfo {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(owner, "owner");
        pausedQueues = Set.copyOf(pausedQueues);
        queueKeys = Map.copyOf(queueKeys);
        executionKeys = Map.copyOf(executionKeys);
        waitingKeys = Set.copyOf(waitingKeys);
    }
}
