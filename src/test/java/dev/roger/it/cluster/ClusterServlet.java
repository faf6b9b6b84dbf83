package dev.roger.it.cluster;

import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerClient;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Defines the application's DataSource (which the adapter's JDBC state persister uses as
 * {@code jdbc/roger}) and lets the test steer the node: {@code /control?op=pid} (this JVM's pid),
 * {@code op=start&spec=..} (start a partition), {@code op=stop&p=..}, {@code op=owner&p=..} (the
 * owner of the partition's state as this node sees it), {@code op=running}. Errors answer 500 with
 * the exception.
 */
@DataSourceDefinition(name = "java:app/jdbc/roger", className = "org.postgresql.ds.PGSimpleDataSource",
        url = "jdbc:postgresql://127.0.0.1:5432/postgres", user = "postgres")
@WebServlet("/control")
public class ClusterServlet extends HttpServlet {

    @Inject
    RogerClient roger;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        try {
            String answer = switch (String.valueOf(req.getParameter("op"))) {
                case "pid" -> Long.toString(ProcessHandle.current().pid());
                case "start" -> {
                    roger.startPartition(PartitionSpec.parse(req.getParameter("spec")));
                    yield "started";
                }
                case "stop" -> {
                    roger.stopPartition(req.getParameter("p"));
                    yield "stopped";
                }
                case "owner" -> roger.globalState(req.getParameter("p")).owner();
                case "running" -> roger.runningPartitions().toString();
                default -> throw new IllegalArgumentException("unknown op " + req.getParameter("op"));
            };
            resp.getWriter().print(answer);
        } catch (RuntimeException | LinkageError e) {
            resp.setStatus(500);
            resp.getWriter().print(e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
