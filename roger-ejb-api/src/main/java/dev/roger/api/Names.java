package dev.roger.api;

import java.util.regex.Pattern;

/**
 * The naming rules for partitions, queues, job types, job ids and clusters, and the RabbitMQ queue
 * names derived from them. Partition and queue names exclude '.' so that the {@code .buried} and
 * {@code .retry.N} suffixes stay unambiguous, and queue names exclude '-' so that
 * {@code <partition>-<queue>} can be read back. The names here are those of the default cluster;
 * a named cluster puts {@code <cluster>.} in front of each ({@link #inCluster}).
 */
public final class Names {

    /** The queue a job goes to when neither the job nor its type names one. */
    public static final String DEFAULT_QUEUE = "default";

    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_]{1,100}");
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    /**
     * At most 15 characters, so that a cluster's longest name (an execution key's waiting queue,
     * 239 characters without it) stays within RabbitMQ's 255, and too short to hold
     * {@code -execution-waiting-}, so that no cluster's names can equal a name of the default
     * cluster (see {@link #inCluster}).
     */
    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9_-]{1,15}");
    private static final Pattern EXECUTION_KEY = Pattern.compile("[A-Za-z0-9_.:@-]{1,120}");
    private static final int MAX_TYPE_LENGTH = 200;
    private static final int MAX_QUEUE_KEY_LENGTH = 255;

    private Names() {
    }

    /** {@code <partition>-<queue>}, the RabbitMQ queue that holds a partition queue's jobs. */
    public static String mainQueue(String partition, String queue) {
        return requirePartition(partition) + "-" + requireQueue(queue);
    }

    /** {@code <partition>-<queue>.buried}, where failed and undeliverable jobs are kept. */
    public static String buriedQueue(String partition, String queue) {
        return buriedQueueOf(mainQueue(partition, queue));
    }

    /** The buried queue of the main queue named {@code mainQueue} (in any cluster): {@code <mainQueue>.buried}. */
    public static String buriedQueueOf(String mainQueue) {
        return mainQueue + ".buried";
    }

    /**
     * {@code <partition>-execution-waiting-<key>}, where jobs wait while another job holds their
     * execution key.
     */
    public static String waitingQueue(String partition, String executionKey) {
        return requirePartition(partition) + "-execution-waiting-" + requireExecutionKey(executionKey);
    }

    /** {@code roger.owner.<partition>}: the single-active-consumer queue whose consumer owns the partition's state. */
    public static String ownerQueue(String partition) {
        return "roger.owner." + requirePartition(partition);
    }

    /**
     * The name {@code name} has in {@code cluster}: {@code <cluster>.<name>}, or {@code name} itself
     * in the default cluster ({@code null}). Two clusters' names never meet: a cluster name ends at
     * the first '.', and no name of the default cluster starts with {@code <cluster>.}, since what
     * follows its first segment ({@code roger}, {@code <partition>-<queue>}, or the 20 or more
     * characters of {@code <partition>-execution-waiting-}) is {@code control}, {@code nodes},
     * {@code owner.}, {@code buried}, {@code delay.} or {@code retry.}, never {@code roger.} or {@code <partition>-}.
     *
     * @throws IllegalArgumentException when {@code cluster} is not a valid cluster name
     */
    public static String inCluster(String cluster, String name) {
        return cluster == null ? name : requireCluster(cluster) + "." + name;
    }

    /** Checks a cluster name; returns it. */
    public static String requireCluster(String cluster) {
        return require(CLUSTER, cluster, "cluster", "1 to 15 characters of A-Z, a-z, 0-9, '_' and '-'");
    }

    /** Checks an execution key, which becomes part of a queue name; returns it. */
    public static String requireExecutionKey(String key) {
        return require(EXECUTION_KEY, key, "execution key",
                "1 to 120 characters of A-Z, a-z, 0-9, '_', '.', ':', '@' and '-'");
    }

    /** Checks a queue key; returns it. */
    public static String requireQueueKey(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_QUEUE_KEY_LENGTH) {
            throw new IllegalArgumentException("Invalid queue key '" + key
                    + "': must be 1 to " + MAX_QUEUE_KEY_LENGTH + " non-blank characters");
        }
        return key;
    }

    /** Checks a partition id; returns it. */
    public static String requirePartition(String partition) {
        return require(PARTITION, partition, "partition",
                "1 to 100 characters of A-Z, a-z, 0-9, '_' and '-'");
    }

    /** Checks a queue name; returns it. */
    public static String requireQueue(String queue) {
        return require(QUEUE, queue, "queue", "1 to 100 characters of A-Z, a-z, 0-9 and '_'");
    }

    /** Checks a job id; returns it. */
    public static String requireJobId(String id) {
        return require(JOB_ID, id, "job id", "1 to 128 URL-safe characters (A-Z, a-z, 0-9, '_', '-')");
    }

    /** Checks a job type; returns it. */
    public static String requireJobType(String type) {
        if (type == null || type.isBlank() || type.length() > MAX_TYPE_LENGTH) {
            throw new IllegalArgumentException("Invalid job type '" + type
                    + "': must be 1 to " + MAX_TYPE_LENGTH + " non-blank characters");
        }
        return type;
    }

    private static String require(Pattern pattern, String value, String what, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid " + what + " '" + value + "': must be " + rule);
        }
        return value;
    }
}
