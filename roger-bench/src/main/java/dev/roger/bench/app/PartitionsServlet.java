package dev.roger.bench.app;

import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerAdmin;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /roger-bench/partitions?action=start|stop}: starts (body: one partition spec per
 * line, {@code id[queue=workers,...]}) or stops (body: one partition id per line) partitions on
 * this node through the injected {@link RogerAdmin}, one call each, and answers how long they
 * took together. Many per request, because the many-tenants case starts a thousand and one HTTP
 * round trip each would be measured instead of Roger.
 */
@WebServlet("/partitions")
public class PartitionsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient RogerAdmin roger;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The body first: asking for a parameter first would let the container consume a form-encoded body.
        List<String> lines = request.getReader().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String action = request.getParameter("action");
        long start = System.nanoTime();
        try {
            String node = roger.localNode().orElseThrow();
            for (String line : lines) {
                if ("start".equals(action)) {
                    roger.startPartition(node, PartitionSpec.parse(line));
                } else if ("stop".equals(action)) {
                    roger.stopPartition(node, line);
                } else {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST, "action must be start or stop");
                    return;
                }
            }
        } catch (RuntimeException e) {
            // The launcher shows this text as the case's failure, so it must say what went wrong.
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, action + " failed: " + e);
            return;
        }
        Responses.json(response, Responses.JSON.createObjectBuilder()
                .add("count", lines.size())
                .add("millis", (System.nanoTime() - start) / 1_000_000)
                .build());
    }
}
