package dev.roger.bench.app;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /roger-bench/latencies?partition=a}: every enqueue-to-start latency (microseconds)
 * of the partition's jobs since the last reset, unsorted. The launcher computes the percentiles,
 * so the application stays a dumb recorder.
 */
@WebServlet("/latencies")
public class LatenciesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient JobProbe probe;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String partition = request.getParameter("partition");
        if (partition == null || partition.isBlank()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "partition is required");
            return;
        }
        JsonArrayBuilder micros = Responses.JSON.createArrayBuilder();
        for (long l : probe.record(partition.strip()).latencies()) {
            micros.add(l);
        }
        Responses.json(response, Responses.JSON.createObjectBuilder().add("micros", micros).build());
    }
}
