package dev.roger.chaos.db;

import dev.roger.chaos.ChaosFailure;
import dev.roger.chaos.app.ChaosJobs;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The suite's PostgreSQL database (dropped and created at every run, kept afterwards for reading)
 * with the table the job bean writes one row per finished execution to.
 */
public final class ExecutionsDb {

    private final String url;
    private final String user;

    private ExecutionsDb(String url, String user) {
        this.url = url;
        this.user = user;
    }

    /**
     * Drops the database {@code name} on the server at {@code serverUrl} (e.g.
     * {@code jdbc:postgresql://127.0.0.1:5432/}) and creates it again with an empty table.
     *
     * @throws ChaosFailure when PostgreSQL cannot be reached or refuses
     */
    public static ExecutionsDb createFresh(String serverUrl, String user, String name) {
        try (Connection c = DriverManager.getConnection(serverUrl + "postgres", user, null);
             Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new ChaosFailure("Cannot create the database " + name + " at " + serverUrl + " as " + user + " ("
                    + e.getMessage() + "). Is PostgreSQL running with trust authentication? Set -Dchaos.postgres.url "
                    + "and -Dchaos.postgres.user for another one.", e);
        }
        ExecutionsDb db = new ExecutionsDb(serverUrl + name, user);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("create table " + ChaosJobs.TABLE + " (job_id varchar(128) not null, node varchar(64) not null, "
                    + "pid bigint not null, started_at timestamptz not null, ended_at timestamptz not null)");
        } catch (SQLException e) {
            throw new ChaosFailure("Cannot create the table " + ChaosJobs.TABLE + ": " + e.getMessage(), e);
        }
        return db;
    }

    /** The database's JDBC URL, for the nodes. */
    public String url() {
        return url;
    }

    /** How many times each job whose id starts with {@code prefix} was executed to its end. */
    public Map<String, Integer> executions(String prefix) {
        return query("select job_id, count(*) from " + ChaosJobs.TABLE + " where starts_with(job_id, ?) group by job_id",
                prefix, rs -> rs.getInt(2));
    }

    /** For each job starting with {@code prefix} that ran more than once, when its first execution ended. */
    public Map<String, Instant> firstEndsOfDuplicates(String prefix) {
        return query("select job_id, min(ended_at) from " + ChaosJobs.TABLE
                + " where starts_with(job_id, ?) group by job_id having count(*) > 1", prefix,
                rs -> rs.getTimestamp(2).toInstant());
    }

    /** Executions of jobs starting with {@code prefix}, per node label (e.g. {@code a-2}). */
    public Map<String, Integer> executionsPerNode(String prefix) {
        return query("select node, count(*) from " + ChaosJobs.TABLE + " where starts_with(job_id, ?) group by node",
                prefix, rs -> rs.getInt(2));
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with {@code prefix} as its one parameter: the first column is the key, {@code value} reads the rest. */
    private <T> Map<String, T> query(String sql, String prefix, Column<T> value) {
        Map<String, T> out = new HashMap<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), value.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new ChaosFailure("Cannot read the executions: " + e.getMessage(), e);
        }
        return out;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, null);
    }
}
