package dev.roger.it.cluster;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Writes a start row and a stop row (this JVM's pid, job id, wall clock in microseconds) into the
 * test's table around a sleep, so the test sees what every node ran. The boot partition keeps the
 * node off the shared default partition; the test starts its partitions at runtime.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "cl_boot[default=1]"))
@RogerJob(type = "cl-work")
public class ClusterJobBean implements RogerJobListener {

    private static final Pattern TABLE = Pattern.compile("[a-z0-9_]{1,60}");

    @Resource(lookup = "java:app/jdbc/roger")
    DataSource dataSource;

    @Override
    public void onJob(Job job) throws Exception {
        ClusterWork work = job.args(ClusterWork.class);
        if (!TABLE.matcher(work.table()).matches()) {
            throw new IllegalArgumentException("bad table name " + work.table());
        }
        record(work.table(), job.id(), "start");
        try {
            if (work.millis() > 0) {
                Thread.sleep(work.millis());
            }
        } finally {
            record(work.table(), job.id(), "stop");
        }
    }

    private void record(String table, String jobId, String event) throws SQLException {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into " + table
                     + " (node, job_id, event, at_us) values (?, ?, ?, ?)")) {
            ps.setString(1, Long.toString(ProcessHandle.current().pid()));
            ps.setString(2, jobId);
            ps.setString(3, event);
            ps.setLong(4, micros);
            ps.executeUpdate();
        }
    }
}
