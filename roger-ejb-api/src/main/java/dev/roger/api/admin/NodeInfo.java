package dev.roger.api.admin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One node, as it described itself.
 *
 * @param name              the node's name ({@code nodeName})
 * @param version           Roger's version on it
 * @param server            the application server and its version, as the JVM reports it
 * @param startedAt         when its resource adapter started
 * @param connected         whether its connection to RabbitMQ is open (false: recovering)
 * @param maxConcurrentJobs its cap on jobs running at once over all partitions (0: none)
 * @param slotsInUse        jobs running or about to run on it now
 * @param counters          jobs it started, and how they ended, since it started
 * @param partitions        the partitions it runs, sorted by partition
 * @param waiting           partitions it should run but cannot consume yet, with the broker's reason
 * @param running           jobs running on it now, oldest first
 */
public record NodeInfo(String name, String version, String server, Instant startedAt, boolean connected,
                       int maxConcurrentJobs, int slotsInUse, JobCounters counters, List<PartitionInfo> partitions,
                       List<WaitingPartition> waiting, List<RunningJobInfo> running) {

    public NodeInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(counters, "counters");
        partitions = List.copyOf(partitions);
        waiting = List.copyOf(waiting);
        running = List.copyOf(running);
    }
}
