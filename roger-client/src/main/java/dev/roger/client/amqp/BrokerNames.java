package dev.roger.client.amqp;

import dev.roger.api.Names;
import java.util.Objects;
import java.util.Optional;

/**
 * The names of the queues and exchanges Roger uses on the broker, in one Roger cluster. The
 * default cluster keeps the names Roger always had; a named cluster puts {@code <cluster>.} in
 * front of every one of them ({@link Names#inCluster}), so clusters sharing a vhost share no
 * queue, exchange or node count. Immutable.
 */
public final class BrokerNames {

    /** The default cluster: {@code roger.control}, {@code acme-default} and so on, unchanged. */
    public static final BrokerNames DEFAULT = new BrokerNames(null);

    private final String cluster;

    private BrokerNames(String cluster) {
        this.cluster = cluster;
    }

    /**
     * The names of the cluster {@code cluster}.
     *
     * @throws IllegalArgumentException when it is not 1 to 15 characters of A-Z, a-z, 0-9, '_' and '-'
     */
    public static BrokerNames of(String cluster) {
        return new BrokerNames(Names.requireCluster(cluster));
    }

    /** The cluster's name; empty for the default cluster. */
    public Optional<String> cluster() {
        return Optional.ofNullable(cluster);
    }

    /** The fanout exchange every node's control queue is bound to. */
    public String controlExchange() {
        return name("roger.control");
    }

    /** The queue every node consumes and no one publishes to: its consumer count is the number of live nodes. */
    public String membersQueue() {
        return name("roger.nodes");
    }

    /** Where the broker dead-letters what a buried queue drops for its bounds; the nodes log each one. */
    public String buriedDropped() {
        return name("roger.buried.dropped");
    }

    /**
     * Where the broker dead-letters a job from a main queue (a quorum queue's delivery limit, e.g.
     * RabbitMQ 4's default of 20 returns); the nodes bury each one ({@code DeadLetteredJobs}).
     */
    public String deadLettered() {
        return name("roger.dead-lettered");
    }

    /**
     * The partition whose main queue is named {@code mainQueue} in this cluster
     * ({@code <partition>-<queue>}, queue names having no '-'); empty for any other name.
     */
    public Optional<String> partitionOf(String mainQueue) {
        String prefix = cluster == null ? "" : cluster + ".";
        if (mainQueue == null || !mainQueue.startsWith(prefix)) {
            return Optional.empty();
        }
        String local = mainQueue.substring(prefix.length());
        int dash = local.lastIndexOf('-');
        if (dash <= 0 || dash == local.length() - 1) {
            return Optional.empty();
        }
        try {
            String partition = local.substring(0, dash);
            Names.mainQueue(partition, local.substring(dash + 1));
            return Optional.of(partition);
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    /**
     * The stream that records every burial and every removal from a buried queue, from which
     * buried jobs are listed without touching the buried queues.
     */
    public String buriedLog() {
        return name("roger.buried.log");
    }

    /**
     * Level {@code level} of the delay cascade ({@link DelayCascade}): {@code roger.delay.<nn>},
     * both the level's topic exchange and its queue, whose messages wait {@code 100 ms x 2^level}.
     */
    public String delayLevel(int level) {
        if (level < 0 || level >= DelayCascade.LEVELS) {
            throw new IllegalArgumentException("no delay level " + level);
        }
        return name(String.format("roger.delay.%02d", level));
    }

    /** The headers exchange that hands due jobs to their main queues. */
    public String delayDelivery() {
        return name("roger.delay.delivery");
    }

    /** The exchange and queue where due jobs whose main queue no longer exists wait. */
    public String delayUnrouted() {
        return name("roger.delay.unrouted");
    }

    /** The single-active-consumer queue whose consumer owns the partition's state. */
    public String ownerQueue(String partition) {
        return name(Names.ownerQueue(partition));
    }

    /** The queue that holds a partition queue's jobs. */
    public String mainQueue(String partition, String queue) {
        return name(Names.mainQueue(partition, queue));
    }

    /** The queue where a partition queue's failed and undeliverable jobs are kept. */
    public String buriedQueue(String partition, String queue) {
        return Names.buriedQueueOf(mainQueue(partition, queue));
    }

    /** The queue where jobs wait while another job holds their execution key. */
    public String waitingQueue(String partition, String executionKey) {
        return name(Names.waitingQueue(partition, executionKey));
    }

    private String name(String defaultName) {
        return Names.inCluster(cluster, defaultName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrokerNames other && Objects.equals(cluster, other.cluster);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(cluster);
    }

    @Override
    public String toString() {
        return cluster == null ? "the default cluster" : "cluster " + cluster;
    }
}
