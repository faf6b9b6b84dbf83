package dev.roger.wildfly.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.wildfly.support.Await;
import dev.roger.wildfly.support.Broker;
import dev.roger.wildfly.support.WildFly;
import dev.roger.wildfly.support.WildFlySession;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quickstart in {@code examples/quickstart}, the WAR Maven builds there, unchanged, on WildFly
 * (set up with roger-wildfly.cli, the adapter deployed as roger-ra.rar): a POST enqueues, and the
 * job's greeting is in the server's log. The same WAR runs on Payara Micro in QuickstartIT.
 */
@ExtendWith(ArquillianExtension.class)
class QuickstartOnWildFlyIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                WildFlySession.arquillianDir().resolve("quickstart.war").toFile());
    }

    @AfterAll
    static void deleteQueues() {
        try (Broker broker = Broker.connect()) {
            broker.delete(List.of("quickstart-default", "roger.owner.quickstart"));
        }
    }

    @Test
    void aPostEnqueuesAWelcomeJobThatRuns() throws Exception {
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base.toString() + "api/welcome?name=Ada"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, posted.statusCode(), posted.body());
        String id = posted.body().strip();
        assertTrue(id.matches("[a-z0-9]{32}"), "a job id: " + id);
        Await.until("the job greets Ada in the server's log", Duration.ofSeconds(30),
                () -> WildFly.logSinceBoot(1).stream().anyMatch(l -> l.contains("Job " + id + ": Hello, Ada!")));
    }
}
