package dev.roger.chaos.app;

import java.util.List;

/**
 * Names shared by the chaos suite's WAR and its launcher (which has the WAR's classes on its class
 * path), in one place so they cannot drift.
 */
public final class ChaosJobs {

    /** The job type of {@link RecordingJob}. */
    public static final String TYPE = "chaos-record";

    /** The partitions every node runs, declared by {@link RecordingJob}; the suite's brokers are its own. */
    public static final List<String> PARTITIONS = List.of("chaos1", "chaos2");

    /** Workers per partition queue per node. */
    public static final int WORKERS = 4;

    /** The activation config that starts {@link #PARTITIONS} at deployment. */
    public static final String DECLARED_PARTITIONS = "chaos1[default=" + WORKERS + "]; chaos2[default=" + WORKERS + "]";

    /** The main queues of {@link #PARTITIONS} (their queue is {@code default}). */
    public static final List<String> QUEUES = PARTITIONS.stream().map(p -> p + "-default").toList();

    /** The JNDI name of the application's DataSource on the suite's PostgreSQL database. */
    public static final String DATA_SOURCE = "java:app/jdbc/chaos";

    /** The table {@link ExecutionLog} writes one row per finished execution to; the launcher creates it. */
    public static final String TABLE = "executions";

    /** System property of a node: its label in the table, e.g. {@code a#2} (node a, second start). */
    public static final String NODE_PROPERTY = "chaos.node";

    /** System property of a node: the JDBC URL of the suite's database. */
    public static final String JDBC_URL_PROPERTY = "chaos.jdbc.url";

    private ChaosJobs() {
    }
}
