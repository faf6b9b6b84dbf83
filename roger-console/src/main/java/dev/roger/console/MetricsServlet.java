package dev.roger.console;

import dev.roger.api.spi.RogerConnectionFactory;
import dev.roger.ejb.RogerBridge;
import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /metrics}: this node's metrics in the Prometheus text format, for a scraper without
 * a login (web.xml leaves the path open; see docs/guide/metrics-and-health.md for why). A plain
 * servlet, not a JAX-RS resource: it is not part of the management API and its OpenAPI document.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    private static final System.Logger LOG = System.getLogger(MetricsServlet.class.getName());
    /** The Prometheus text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Resource(lookup = RogerBridge.CONNECTION_FACTORY)
    private RogerConnectionFactory factory;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> text;
        try {
            text = new NodeProbe(factory).scrape();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Roger metrics could not be read from the resource adapter", e);
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Roger's resource adapter cannot be reached");
            return;
        }
        if (text.isEmpty()) {
            // A scraper should see a failed target, not an empty one that looks healthy.
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "Roger metrics are off on this node (metricsEnabled=false)");
            return;
        }
        byte[] body = text.get().getBytes(StandardCharsets.UTF_8);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
