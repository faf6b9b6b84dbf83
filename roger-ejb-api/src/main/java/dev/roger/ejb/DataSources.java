package dev.roger.ejb;

import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** Finds the DataSources the adapter's properties name, in the application's JNDI namespaces. */
final class DataSources {

    private DataSources() {
    }

    /**
     * The data source named {@code name} in the adapter property {@code property}: as given, else in the
     * application's or global namespace (a {@code java:} name only as given).
     *
     * @throws IllegalArgumentException naming the property and every name tried
     */
    static DataSource lookup(String property, String name) {
        NamingException last = null;
        List<String> candidates = name.startsWith("java:") ? List.of(name)
                : List.of(name, "java:app/" + name, "java:global/" + name, "java:comp/env/" + name);
        for (String candidate : candidates) {
            try {
                return (DataSource) new InitialContext().lookup(candidate);
            } catch (NamingException e) {
                last = e;
            }
        }
        throw new IllegalArgumentException(property + " '" + name + "' names no DataSource (tried " + candidates
                + "): define it in the application (@DataSourceDefinition) or the server"
                + (last == null ? "" : "; " + last.getMessage()));
    }
}
