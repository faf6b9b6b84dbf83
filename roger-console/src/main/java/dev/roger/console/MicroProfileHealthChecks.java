package dev.roger.console;

import dev.roger.api.spi.NodeHealth;
import dev.roger.api.spi.RogerConnectionFactory;
import dev.roger.ejb.RogerBridge;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The node's liveness and readiness as MicroProfile Health checks, so that on a server with
 * MicroProfile Health (Payara: {@code /health/live}, {@code /health/ready}) Roger joins the
 * server's own answer. The same facts as {@link HealthServlet}, which serves servers without it.
 * On a server without the MicroProfile Health API this class cannot load and CDI skips it.
 */
@ApplicationScoped
public class MicroProfileHealthChecks {

    /** The name of Roger's check in the server's health answer. */
    static final String NAME = "roger";

    @Resource(lookup = RogerBridge.CONNECTION_FACTORY)
    private RogerConnectionFactory factory;

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> {
            NodeHealth health = new NodeProbe(factory).health();
            return response(health.live(), health.live() ? List.of() : health.checks());
        };
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> {
            NodeHealth health = new NodeProbe(factory).health();
            return response(health.ready(), health.checks());
        };
    }

    private static HealthCheckResponse response(boolean up, List<NodeHealth.Check> checks) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME).status(up);
        for (NodeHealth.Check c : checks) {
            builder.withData(c.name(), (c.up() ? "UP: " : "DOWN: ") + c.detail());
        }
        return builder.build();
    }
}
