package dev.roger.it.cluster;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Writes a start row and a stop row (this JVM's pid, job id, wall clock in microseconds) into the
 * test's table around an interruptible sleep; a job whose start is already in the table (a
 * second run) sleeps {@link FailuresWork#againMillis()} instead. The boot partition keeps the
 * node off the shared default partition; the test starts its partitions at runtime. No
 * transaction: each row is committed at once, so the test sees a job start while it runs, and the
 * start of a run whose node was killed stays.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "fl_boot[default=1]"))
@RogerJob(type = "fl-work")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FailuresJobBean implements RogerJobListener {

    private static final Pattern TABLE = Pattern.compile("[a-z0-9_]{1,60}");

    @Resource(lookup = "java:app/jdbc/roger")
    DataSource dataSource;

    @Override
    public void onJob(Job job) throws Exception {
        FailuresWork work = job.args(FailuresWork.class);
        if (!TABLE.matcher(work.table()).matches()) {
            throw new IllegalArgumentException("bad table name " + work.table());
        }
        boolean again = startedBefore(work.table(), job.id());
        record(work.table(), job.id(), "start");
        try {
            long millis = again ? work.againMillis() : work.millis();
            if (millis > 0) {
                Thread.sleep(millis);
            }
        } finally {
            record(work.table(), job.id(), "stop");
        }
    }

    private boolean startedBefore(String table, String jobId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from " + table
                     + " where job_id = ? and event = 'start'")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
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
