package dev.roger.console;

import dev.roger.api.spi.NodeHealth;
import dev.roger.api.spi.RogerConnectionFactory;
import dev.roger.ejb.RogerBridge;
import jakarta.annotation.Resource;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /health/live} and {@code GET /health/ready}: 200 when UP, 503 when DOWN, with a small
 * JSON body shaped like MicroProfile Health's ({@code status}, {@code checks}), for orchestrators
 * and load balancers on any server. No login (web.xml leaves the paths open).
 */
@WebServlet("/health/*")
public class HealthServlet extends HttpServlet {

    @Resource(lookup = RogerBridge.CONNECTION_FACTORY)
    private RogerConnectionFactory factory;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String which = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!which.equals("/live") && !which.equals("/ready")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "GET /health/live or /health/ready");
            return;
        }
        NodeHealth health = new NodeProbe(factory).health();
        boolean live = which.equals("/live");
        boolean up = live ? health.live() : health.ready();
        // Liveness only says whether the adapter runs; the readiness checks would mislead a restart policy.
        List<NodeHealth.Check> checks = live
                ? List.of(new NodeHealth.Check("adapter", health.live(), health.live() ? "started"
                        : health.checks().isEmpty() ? "not started" : health.checks().get(0).detail()))
                : health.checks();
        byte[] body = json(up, checks).toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static JsonObject json(boolean up, List<NodeHealth.Check> checks) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (NodeHealth.Check c : checks) {
            array.add(Json.createObjectBuilder().add("name", "roger-" + c.name()).add("status", c.up() ? "UP" : "DOWN")
                    .add("data", Json.createObjectBuilder().add("detail", c.detail())));
        }
        return Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", array).build();
    }
}
