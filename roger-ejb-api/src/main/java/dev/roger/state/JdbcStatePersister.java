package dev.roger.state;

import dev.roger.api.spi.StatePersister;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Keeps each partition's state as a row of a table, {@code roger_state} unless named otherwise,
 * created on first use. The state is JSON, so it is stored as text and stays readable with SQL.
 * Takes a connection per call and keeps none open in between. A named cluster's rows are keyed
 * {@code <cluster>.<partition>}; a table created before clusters existed keys 100 characters only.
 */
public final class JdbcStatePersister implements StatePersister {

    /** The table used unless another is named. */
    public static final String DEFAULT_TABLE = "roger_state";

    private static final System.Logger LOG = System.getLogger(JdbcStatePersister.class.getName());
    /** {@code <cluster>.<partition>}: 15 + 1 + 100 characters. */
    private static final int KEY_LENGTH = 116;
    // The name is put into SQL as is, so only plain identifiers are accepted.
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String table;
    private volatile boolean tableReady;

    public JdbcStatePersister(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE);
    }

    /**
     * @throws IllegalArgumentException if {@code table} is not a plain SQL identifier
     */
    public JdbcStatePersister(DataSource dataSource, String table) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Invalid state table name '" + table
                    + "': use 1 to 63 characters of A-Z, a-z, 0-9 and '_', not starting with a digit");
        }
        this.table = table;
    }

    /** The table the state rows are in. */
    public String table() {
        return table;
    }

    @Override
    public Optional<byte[]> load(String partition) throws IOException {
        ClusterStatePersister.requireKey(partition);
        return withConnection("load", partition, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state FROM " + table + " WHERE partition_id = ?")) {
                ps.setString(1, partition);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1).getBytes(StandardCharsets.UTF_8)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void store(String partition, byte[] state) throws IOException {
        ClusterStatePersister.requireKey(partition);
        String text = new String(Objects.requireNonNull(state, "state"), StandardCharsets.UTF_8);
        withConnection("store", partition, c -> {
            if (update(c, partition, text) == 0) {
                try {
                    insert(c, partition, text);
                } catch (SQLException e) {
                    // Only one owner stores a partition at a time, but an old owner may still be finishing.
                    if (!isDuplicateKey(e) || update(c, partition, text) == 0) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    /** Work on one connection. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(String action, String partition, SqlWork<T> work) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // Each statement must stand alone: PostgreSQL aborts a whole transaction after an error
            // (a racing CREATE TABLE or INSERT), and the statement we retry next would fail too.
            if (!autoCommit) {
                c.setAutoCommit(true);
            }
            try {
                ensureTable(c);
                return work.run(c);
            } finally {
                if (!autoCommit) {
                    c.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            throw new IOException("Cannot " + action + " the state of partition '" + partition + "' in table '"
                    + table + "': " + e.getMessage(), e);
        }
    }

    private int update(Connection c, String partition, String text) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE " + table + " SET state = ?, updated_at = CURRENT_TIMESTAMP WHERE partition_id = ?")) {
            ps.setString(1, text);
            ps.setString(2, partition);
            return ps.executeUpdate();
        }
    }

    private void insert(Connection c, String partition, String text) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table + " (partition_id, state, updated_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, partition);
            ps.setString(2, text);
            ps.executeUpdate();
        }
    }

    private void ensureTable(Connection c) throws SQLException {
        if (tableReady) {
            return;
        }
        synchronized (this) {
            if (tableReady) {
                return;
            }
            if (!JdbcTables.exists(c, table)) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("CREATE TABLE " + table + " (partition_id VARCHAR(" + KEY_LENGTH + ") PRIMARY KEY, "
                            + "state TEXT NOT NULL, updated_at TIMESTAMP NOT NULL)");
                    LOG.log(Level.INFO, "Created the Roger state table {0}", table);
                } catch (SQLException e) {
                    // Another node may have created it between our check and our CREATE.
                    if (!JdbcTables.exists(c, table)) {
                        throw e;
                    }
                    LOG.log(Level.DEBUG, "State table {0} was created concurrently", table);
                }
            }
            tableReady = true;
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLIntegrityConstraintViolationException || (state != null && state.startsWith("23"));
    }

}
