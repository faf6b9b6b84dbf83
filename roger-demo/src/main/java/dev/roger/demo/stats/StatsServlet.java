package dev.roger.demo.stats;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /roger-demo/stats}: the job counts as JSON,
 * {@code {"acme":{"runs":990,"errors":10}, ...}}. A plain servlet keeps the demo free of a JAX-RS
 * application class; the launcher also polls it to know when the application is up.
 */
@WebServlet("/stats")
public class StatsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient JobStats stats;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObjectBuilder body = Json.createObjectBuilder();
        stats.snapshot().forEach((partition, counts) -> body.add(partition,
                Json.createObjectBuilder().add("runs", counts.runs()).add("errors", counts.errors())));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body.build().toString());
    }
}
