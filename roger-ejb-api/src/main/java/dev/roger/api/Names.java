package dev.roger.api;

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

    // Checked by hand rather than with regular expressions: every job's id, partition and queue
    // are checked several times per delivery, and a matcher cost 6 % of a node's CPU per job.
    private static final CharRule PARTITION = new CharRule(100, "_-");
    private static final CharRule QUEUE = new CharRule(100, "_");
    private static final CharRule JOB_ID = new CharRule(128, "_-");
    /**
     * At most 15 characters, so that a cluster's longest name (an execution key's waiting queue,
     * 239 characters without it) stays within RabbitMQ's 255, and too short to hold
     * {@code -execution-waiting-}, so that no cluster's names can equal a name of the default
     * cluster (see {@link #inCluster}).
     */
    private static final CharRule CLUSTER = new CharRule(15, "_-");
    private static final CharRule EXECUTION_KEY = new CharRule(120, "_.:@-");
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

    private static String require(CharRule allowed, String value, String what, String rule) {
        if (value == null || !allowed.accepts(value)) {
            throw new IllegalArgumentException("Invalid " + what + " '" + value + "': must be " + rule);
        }
        return value;
    }

    /** 1 to {@code max} characters, each an ASCII letter or digit or one of {@code others}. */
    private record CharRule(int max, String others) {

        boolean accepts(String value) {
            int length = value.length();
            if (length == 0 || length > max) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (!alphanumeric && others.indexOf(c) < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
