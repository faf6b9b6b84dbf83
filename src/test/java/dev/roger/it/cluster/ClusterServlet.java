package dev.roger.it.cluster;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Defines the application's DataSource (which the adapter's JDBC state persister uses as
 * {@code jdbc/roger}) and lets the test steer the node: {@code /control?op=pid|start|stop} (see
 * {@link NodeControlServlet}), {@code op=owner&p=..} (the owner of the partition's state as this
 * node sees it), {@code op=running}.
 */
@DataSourceDefinition(name = "java:app/jdbc/roger", className = "org.postgresql.ds.PGSimpleDataSource",
        url = "jdbc:postgresql://127.0.0.1:5432/postgres", user = "postgres")
@WebServlet("/control")
public class ClusterServlet extends NodeControlServlet {

    @Override
    protected String answer(String op, HttpServletRequest req) {
        return switch (op) {
            case "owner" -> admin.globalState(req.getParameter("p")).owner();
            case "running" -> admin.runningPartitions(admin.localNode().orElseThrow()).toString();
            default -> throw unknown(op);
        };
    }
}
