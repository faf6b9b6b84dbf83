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
import java.nio.charset.StandardCharsets;

/**
 * Defines the application's DataSource ({@code jdbc/roger}, for the JDBC state persister and the
 * jobs' records) and lets {@link ClusterFailuresIT} steer the node: {@code /control?op=pid},
 * {@code op=start&spec=..}, {@code op=stop&p=..}, {@code op=failing&on=true|false} (the
 * {@link FailuresPersister}'s switch), {@code op=stored&p=..} (the state it stores for a
 * partition, as text; empty when none), {@code op=loads&p=..} and {@code op=stores&p=..} (how often
 * it was called). Errors answer 500 with the exception.
 */
@DataSourceDefinition(name = "java:app/jdbc/roger", className = "org.postgresql.ds.PGSimpleDataSource",
        url = "jdbc:postgresql://127.0.0.1:5432/postgres", user = "postgres")
@WebServlet("/control")
public class FailuresServlet extends HttpServlet {

    @Inject
    RogerClient roger;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        try {
            String p = req.getParameter("p");
            String answer = switch (String.valueOf(req.getParameter("op"))) {
                case "pid" -> Long.toString(ProcessHandle.current().pid());
                case "start" -> {
                    roger.startPartition(PartitionSpec.parse(req.getParameter("spec")));
                    yield "started";
                }
                case "stop" -> {
                    roger.stopPartition(p);
                    yield "stopped";
                }
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
                default -> throw new IllegalArgumentException("unknown op " + req.getParameter("op"));
            };
            resp.getWriter().print(answer);
        } catch (RuntimeException | LinkageError e) {
            resp.setStatus(500);
            resp.getWriter().print(e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
