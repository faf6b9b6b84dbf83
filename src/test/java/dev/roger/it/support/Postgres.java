package dev.roger.it.support;

import java.io.File;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The PostgreSQL the tests use (127.0.0.1:5432, database and user {@code postgres}, trust auth;
 * {@code -Droger.it.jdbc.url/user/password} override), read and written with plain JDBC, and the
 * driver's jar for test applications that define a DataSource on it.
 */
public final class Postgres {

    /** Reads one row. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Postgres() {
    }

    public static String url() {
        return System.getProperty("roger.it.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    public static Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", System.getProperty("roger.it.jdbc.user", "postgres"));
        String password = System.getProperty("roger.it.jdbc.password");
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(url(), props);
    }

    /** Runs one statement; returns the update count. */
    public static int execute(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.execute();
            return ps.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs a query; one element per row. */
    public static <T> List<T> query(String sql, Row<T> row, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + sql + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    /** The PostgreSQL JDBC driver's jar, as found on the test class path, to bundle in a WAR. */
    public static File driverJar() {
        try {
            File jar = new File(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!jar.isFile()) {
                throw new IllegalStateException("the PostgreSQL driver is not loaded from a jar: " + jar);
            }
            return jar;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
