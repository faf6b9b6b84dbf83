package dev.roger.state;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/** What the tables Roger creates on first use need to know of a database: whether a table is there. */
public final class JdbcTables {

    private JdbcTables() {
    }

    /** Whether {@code table} (an unquoted identifier) exists in the connection's schema. */
    public static boolean exists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String escape = md.getSearchStringEscape();
        String schema = c.getSchema();
        // Databases fold unquoted names to lower (PostgreSQL) or upper case (H2, Oracle): try each.
        for (String name : new String[] {table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(c.getCatalog(), schema == null ? null : likePattern(schema, escape),
                    likePattern(name, escape), new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code name} as a metadata pattern matching only itself: '_' and '%' are wildcards there. */
    private static String likePattern(String name, String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
