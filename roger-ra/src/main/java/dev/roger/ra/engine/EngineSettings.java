package dev.roger.ra.engine;

import dev.roger.client.amqp.QueueType;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The node's settings other than the AMQP connection, checked once at start.
 *
 * @param nodeName          this node's name in logs, headers and the broker's connection list
 * @param queueType         type of the main queues Roger declares
 * @param publishTimeout    how long to wait for a publisher confirm
 * @param maxJobBytes       the largest encoded job accepted at enqueue
 * @param buriedMaxLength   how many messages a buried queue keeps
 * @param defaultPartition  the partition of beans that declare none
 * @param defaultWorkers    worker count of a queue used by a bean that declares no partitions
 * @param unknownTypeGrace  how long after an activation unknown job types are requeued, not buried
 * @param maxConcurrentJobs the most jobs running at once on this node, over all partitions (0: no cap
 *                          beyond the sum of the queues' workers); when it binds, partitions take turns
 * @param channelsPerConnection how many consumer channels share one AMQP connection
 * @param stateTimeout      how long to wait for a partition state owner's answer
 * @param state             how partition owners keep the global state
 * @param retryLevels       the retry delays of retryable jobs whose type sets none
 * @param buriedMaxAge      how long a buried queue keeps a message
 * @param names             the names on the broker of the Roger cluster this node is in
 * @param outbox            the transactional outbox's settings, for the applications' writers and relays
 */
public record EngineSettings(String nodeName, QueueType queueType, Duration publishTimeout, int maxJobBytes,
                             int buriedMaxLength, String defaultPartition, int defaultWorkers,
                             Duration unknownTypeGrace, int maxConcurrentJobs, int channelsPerConnection,
                             Duration stateTimeout, dev.roger.api.spi.StateConfiguration state,
                             dev.roger.ra.inbound.RetrySchedule retryLevels, Duration buriedMaxAge,
                             dev.roger.client.amqp.BrokerNames names,
                             dev.roger.api.spi.OutboxConfiguration outbox) {

    /** {@code host:pid}. */
    public static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
