package dev.roger.chaos.app;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Writes an execution row to the suite's database. The JDBC URL comes from the node's
 * {@code -Dchaos.jdbc.url} (Payara substitutes system properties in the definition), so the
 * launcher decides which database every node writes to. A node runs at most 8 jobs at once
 * (two partitions of {@link ChaosJobs#WORKERS}); the pool's bound leaves PostgreSQL's connections to
 * the tests that CI runs beside the suite.
 */
@DataSourceDefinition(name = ChaosJobs.DATA_SOURCE, className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${" + ChaosJobs.JDBC_URL_PROPERTY + "}", user = "postgres", minPoolSize = 2, maxPoolSize = 12)
@ApplicationScoped
public class ExecutionLog {

    private static final String NODE = System.getProperty(ChaosJobs.NODE_PROPERTY, "unknown");

    @Resource(lookup = ChaosJobs.DATA_SOURCE)
    DataSource dataSource;

    /** Records one finished execution of {@code jobId} on this node. */
    public void record(String jobId, Instant start, Instant end) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into " + ChaosJobs.TABLE
                     + " (job_id, node, pid, started_at, ended_at) values (?, ?, ?, ?, ?)")) {
            ps.setString(1, jobId);
            ps.setString(2, NODE);
            ps.setLong(3, ProcessHandle.current().pid());
            ps.setTimestamp(4, Timestamp.from(start));
            ps.setTimestamp(5, Timestamp.from(end));
            ps.executeUpdate();
        }
    }
}
