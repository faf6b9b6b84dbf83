package dev.roger.it.cluster;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;

/**
 * Defines the application's DataSource ({@code jdbc/roger}, for the JDBC state persister and the
 * jobs' records) and lets {@link ClusterFailuresIT} steer the node: {@code /control?op=pid|start|stop}
 * (see {@link NodeControlServlet}), {@code op=failing&on=true|false} (the
 * {@link FailuresPersister}'s switch), {@code op=stored&p=..} (the state it stores for a
 * partition, as text; empty when none), {@code op=loads&p=..} and {@code op=stores&p=..} (how often
 * it was called).
 */
@DataSourceDefinition(name = "java:app/jdbc/roger", className = "org.postgresql.ds.PGSimpleDataSource",
        url = "jdbc:postgresql://127.0.0.1:5432/postgres", user = "postgres")
@WebServlet("/control")
public class FailuresServlet extends NodeControlServlet {

    @Override
    protected String answer(String op, HttpServletRequest req) {
        String p = req.getParameter("p");
        return switch (op) {
            case "failing" -> {
                FailuresPersister.failing = Boolean.parseBoolean(req.getParameter("on"));
                yield Boolean.toString(FailuresPersister.failing);
            }
            case "stored" -> {
                byte[] blob = FailuresPersister.STORED.get(p);
                yield blob == null ? "" : new String(blob, StandardCharsets.UTF_8);
            }
            case "loads" -> Integer.toString(FailuresPersister.loads(p));
            case "stores" -> Integer.toString(FailuresPersister.stores(p));
            default -> throw unknown(op);
        };
    }
}
