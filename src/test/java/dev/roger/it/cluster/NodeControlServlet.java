package dev.roger.it.cluster;

import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerClient;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * WAR side of {@link ClusterNodes}: lets the test steer a node with {@code /control?op=..}, answered
 * as plain text. Every node knows {@code op=pid} (this JVM's pid), {@code op=start&spec=..} (start a
 * partition) and {@code op=stop&p=..}; a subclass answers the others. Errors answer 500 with the
 * exception. A subclass is the servlet (with {@code @WebServlet("/control")}) and defines the
 * application's DataSource.
 */
public abstract class NodeControlServlet extends HttpServlet {

    @Inject
    protected RogerClient roger;

    @Inject
    protected RogerAdmin admin;

    @Override
    protected final void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        try {
            String op = String.valueOf(req.getParameter("op"));
            String answer = switch (op) {
                case "pid" -> Long.toString(ProcessHandle.current().pid());
                case "start" -> {
                    admin.startPartition(admin.localNode().orElseThrow(), PartitionSpec.parse(req.getParameter("spec")));
                    yield "started";
                }
                case "stop" -> {
                    admin.stopPartition(admin.localNode().orElseThrow(), req.getParameter("p"));
                    yield "stopped";
                }
                default -> answer(op, req);
            };
            resp.getWriter().print(answer);
        } catch (RuntimeException | LinkageError e) {
            resp.setStatus(500);
            resp.getWriter().print(e.getClass().getName() + ": " + e.getMessage());
        }
    }

    /**
     * The answer to an op other than pid, start and stop; {@link #unknown} for one the subclass
     * does not know.
     */
    protected abstract String answer(String op, HttpServletRequest req);

    protected static IllegalArgumentException unknown(String op) {
        return new IllegalArgumentException("unknown op " + op);
    }
}
