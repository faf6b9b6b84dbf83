package dev.roger.wildfly.console;

import static dev.roger.wildfly.console.ConsoleClient.User.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Names;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.wildfly.support.Http;
import dev.roger.wildfly.support.Http.Reply;
import dev.roger.wildfly.support.TestPartitions;
import dev.roger.wildfly.support.WildFly;
import dev.roger.wildfly.support.WildFlyProcess;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The same {@code roger-console.war} and job application on WildFly 39 {@code standalone.xml} with
 * MicroProfile Health added ({@code standalone-mp-health.xml}: the microprofile-health-smallrye
 * extension and subsystem, by prepare-wildfly.sh): Roger's check {@code roger} is UP in the server's
 * own {@code /health/ready} and {@code /health/live} on the management port, and the console's
 * {@code /health/ready} still answers. ({@code standalone-microprofile.xml} itself has no ejb3
 * subsystem, which Roger's MDBs and its EJB singleton need.)
 */
class MicroProfileHealthOnWildFlyIT {

    private static final String P = TestPartitions.create("wfh", "default");
    /** Roger's check in a MicroProfile Health answer: its name, then its status. */
    private static final Pattern ROGER_UP = Pattern.compile("\\{[^{]*\"name\"\\s*:\\s*\"roger\"[^{]*\"status\"\\s*:\\s*\"UP\"");

    @Test
    void rogersCheckIsInTheServersHealth() {
        try (WildFlyProcess server = ConsoleOnWildFlyIT.start("standalone-mp-health.xml", P);
             Broker broker = Broker.connect()) {
            Await.until("the node consumes " + P, Duration.ofSeconds(30),
                    () -> broker.consumers(Names.mainQueue(P, "default")) == 1);
            Http management = new Http("http://127.0.0.1:" + WildFly.managementPort(ConsoleOnWildFlyIT.NODE) + "/");
            for (String kind : List.of("ready", "live")) {
                Reply health = management.get("health/" + kind);
                assertEquals(200, health.status(), kind + ": " + health);
                assertTrue(ROGER_UP.matcher(health.body()).find(), "no check 'roger' UP in /health/" + kind + ": " + health);
            }
            Reply ready = ConsoleOnWildFlyIT.console().get(NONE, "/health/ready");
            assertEquals(200, ready.status(), ready.toString());
            assertEquals(1, server.logSinceBoot().stream().filter(l -> l.contains("Roger started on node")).count(),
                    "adapter starts");
        }
    }
}
