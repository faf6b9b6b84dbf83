package dev.roger.ejb;

import dev.roger.state.JdbcTables;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one Roger cluster in {@code roger_outbox}, on connections the caller gives (and
 * whose transaction the caller ends). Clusters share the table and are kept apart by its
 * {@code cluster_name} column, the default cluster's rows having an empty one.
 */
final class OutboxTable {

    private static final System.Logger LOG = System.getLogger(OutboxTable.class.getName());

    private final String cluster;

    /** @param cluster the Roger cluster, {@code null} for the default one */
    OutboxTable(String cluster) {
        this.cluster = cluster == null ? "" : cluster;
    }

    /** Creates the table and its index unless they exist; on an autocommit connection, as DDL must stand alone. */
    void create(Connection c) throws SQLException {
        if (JdbcTables.exists(c, OutboxSql.TABLE)) {
            return;
        }
        OutboxSql sql = sql(c);
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql.createTable());
        } catch (SQLException e) {
            // Another node may have created it between our check and our CREATE (with its index).
            if (!JdbcTables.exists(c, OutboxSql.TABLE)) {
                throw e;
            }
            return;
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql.createIndex());
        }
        LOG.log(Level.INFO, "Created the Roger outbox table {0}", OutboxSql.TABLE);
    }

    /** Adds one row per job body, in order, in the connection's transaction. */
    void insert(Connection c, String partition, List<String> bodies) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql(c).insert())) {
            for (String body : bodies) {
                ps.setString(1, cluster);
                ps.setString(2, partition);
                ps.setString(3, body);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The oldest {@code max} rows, locked until the connection's transaction ends. */
    List<OutboxRow> lockOldest(Connection c, int max) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql(c).lockOldest(max))) {
            ps.setString(1, cluster);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return rows;
        }
    }

    /** Deletes these rows, in the connection's transaction. */
    void delete(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql(c).delete())) {
            for (long id : ids) {
                ps.setLong(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static OutboxSql sql(Connection c) throws SQLException {
        return OutboxSql.of(c.getMetaData().getDatabaseProductName());
    }
}
