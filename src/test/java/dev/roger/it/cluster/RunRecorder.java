package dev.roger.it.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * WAR side of {@link RunLog}: writes a job's start row and stop row (this JVM's pid, job id, wall
 * clock in microseconds) into a test's table through the application's DataSource. Each row is
 * committed as the caller's transaction context allows: a caller with no transaction makes it
 * visible at once.
 */
final class RunRecorder {

    private static final Pattern TABLE = Pattern.compile("[a-z0-9_]{1,60}");

    private final DataSource dataSource;
    private final String table;

    RunRecorder(DataSource dataSource, String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("bad table name " + table);
        }
        this.dataSource = dataSource;
        this.table = table;
    }

    /** Records the job's start, sleeps {@code millis} (if positive), and records its stop, even when interrupted. */
    void run(String jobId, long millis) throws SQLException, InterruptedException {
        record(jobId, "start");
        try {
            if (millis > 0) {
                Thread.sleep(millis);
            }
        } finally {
            record(jobId, "stop");
        }
    }

    /**
     * Like {@link #run(String, long)}, but the start row carries the time Roger let the job start
     * ({@code Job.startedAt()}), which the shutdown tests compare with the moment shutdown began.
     */
    void run(String jobId, Instant startedAt, long millis) throws SQLException, InterruptedException {
        record(jobId, "start", startedAt);
        try {
            if (millis > 0) {
                Thread.sleep(millis);
            }
        } finally {
            record(jobId, "stop", Instant.now());
        }
    }

    /**
     * Like {@link #run(String, Instant, long)}, but the start row goes through {@code startRows} (a
     * DataSource outside the job's transaction, so a running job is seen at once, and its start
     * stays seen if its transaction rolls back), while the stop row is written only when the job
     * ends normally, in the job's transaction: a stop then means the run was committed.
     */
    void runSeenAtOnce(DataSource startRows, String jobId, Instant startedAt, long millis)
            throws SQLException, InterruptedException {
        new RunRecorder(startRows, table).record(jobId, "start", startedAt);
        if (millis > 0) {
            Thread.sleep(millis);
        }
        record(jobId, "stop", Instant.now());
    }

    /** Whether the table already has a start of this job (it runs again). */
    boolean startedBefore(String jobId) throws SQLException {
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

    /** Records one event of a job (e.g. "start", "buried") at this moment. */
    void mark(String jobId, String event) throws SQLException {
        record(jobId, event);
    }

    private void record(String jobId, String event) throws SQLException {
        record(jobId, event, Instant.now());
    }

    private void record(String jobId, String event, Instant at) throws SQLException {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
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
