package dev.roger.bench.peers;

import dev.roger.bench.BenchFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL database of the benchmark (JobRunr's, or case 10's outbox), made new for every run
 * and dropped at the end, so each run starts from empty tables (JobRunr and Roger's outbox relay
 * create their own on start) and nothing is left behind.
 */
public final class PostgresDatabase {

    /** JobRunr's database; only the benchmark uses it. */
    public static final String NAME = "roger_bench";

    private final String serverUrl;
    private final String user;
    private final String name;

    /**
     * JobRunr's database, {@value #NAME}.
     *
     * @param serverUrl JDBC URL of the server without a database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/}
     */
    public PostgresDatabase(String serverUrl, String user) {
        this(serverUrl, user, NAME);
    }

    /** Another database of the benchmark's on the same server (case 10's outbox has one of its own). */
    public PostgresDatabase(String serverUrl, String user, String name) {
        this.serverUrl = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
        this.user = user;
        this.name = name;
    }

    public String url() {
        return serverUrl + name;
    }

    public String user() {
        return user;
    }

    /** Drops the database if it exists (closing its connections), then creates it empty. */
    public void recreate() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "CREATE DATABASE " + name);
    }

    public void drop() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** The first column of the first row of a query on this database, e.g. a count. */
    public long queryLong(String sql) {
        try (Connection c = DriverManager.getConnection(url(), user, null);
             Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    /** The server's version, e.g. {@code 15.20}. */
    public String serverVersion() {
        try (Connection c = DriverManager.getConnection(serverUrl + "postgres", user, null)) {
            return c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    private void admin(String... statements) {
        // Databases are created and dropped from another database of the server.
        try (Connection c = DriverManager.getConnection(serverUrl + "postgres", user, null);
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    private BenchFailure unreachable(SQLException e) {
        return new BenchFailure("PostgreSQL at " + serverUrl + " as " + user + ": " + e.getMessage()
                + ". The JobRunr and outbox cases need a server there with trust authentication (-Dbench.postgres.url and "
                + "-Dbench.postgres.user select another).", e);
    }
}
