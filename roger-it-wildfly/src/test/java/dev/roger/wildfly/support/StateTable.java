package dev.roger.wildfly.support;

import java.io.File;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code roger_state} table of the test PostgreSQL (127.0.0.1:5432, database and user
 * {@code postgres}, trust auth), read with plain JDBC from the test JVM, and the driver's jar for
 * the test application's DataSource.
 */
public final class StateTable {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    /** One partition's row. */
    public record Row(String state, String updatedAt) {
    }

    private StateTable() {
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL + "?connectTimeout=10", "postgres", "");
    }

    /** The partition's row; empty while there is none (or no table yet). */
    public static Optional<Row> row(String partition) {
        try (Connection c = connect();
             PreparedStatement exists = c.prepareStatement("select to_regclass('roger_state') is not null")) {
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select state, updated_at::text from roger_state where partition_id = ?")) {
                ps.setString(1, partition);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Deletes the partition's row, if the table exists. */
    public static void delete(String partition) {
        if (row(partition).isEmpty()) {
            return;
        }
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("delete from roger_state where partition_id = ?")) {
            ps.setString(1, partition);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** The PostgreSQL driver's jar, as found on the test class path. */
    public static File driverJar() {
        try {
            return new File(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
