package dev.roger.bench.peers;

import dev.roger.bench.BenchFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL database JobRunr runs on, made new for every run and dropped at the end, so each
 * run starts from empty tables (JobRunr creates its own on start) and nothing is left behind.
 */
public final class PostgresDatabase {

    /** The database's name; only the benchmark uses it. */
    public static final String NAME = "roger_bench";

    private final String serverUrl;
    private final String user;

    /**
     * @param serverUrl JDBC URL of the server without a database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/}
     */
    public PostgresDatabase(String serverUrl, String user) {
        this.serverUrl = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
        this.user = user;
    }

    public String url() {
        return serverUrl + NAME;
    }

    public String user() {
        return user;
    }

    /** Drops the database if it exists (closing its connections), then creates it empty. */
    public void recreate() {
        admin("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)", "CREATE DATABASE " + NAME);
    }

    public void drop() {
        admin("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
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
                + ". The JobRunr case needs a server there with trust authentication (-Dbench.postgres.url and "
                + "-Dbench.postgres.user select another).", e);
    }
}
