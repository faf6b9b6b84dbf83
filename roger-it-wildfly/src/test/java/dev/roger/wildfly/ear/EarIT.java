package dev.roger.wildfly.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.testing.Await;
import dev.roger.wildfly.support.Http;
import dev.roger.wildfly.support.TestApps;
import dev.roger.wildfly.support.TestPartitions;
import dev.roger.wildfly.support.WildFly;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An EAR on WildFly, with the adapter deployed on its own as roger-ra.rar (node 1's setup): the EAR
 * holds the unchanged test WAR (roger-ejb-api in its WEB-INF/lib, its WEB-INF/jboss-web.xml) and
 * nothing else, no jboss-deployment-structure.xml. WildFly honours the {@code Dependencies:
 * deployment.roger-ra.rar} manifest entry of the WAR's roger-ejb-api.jar inside an EAR too (without
 * it: WFLYEJB0383, no message listener of type RogerJobListener). The injected client enqueues, the
 * job runs once and its events reach the application.
 */
@ExtendWith(ArquillianExtension.class)
class EarIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String P = TestPartitions.create("wfear", "default");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ShrinkWrap.create(EnterpriseArchive.class, "wf-ear.ear")
                .addAsModule(TestApps.war("wf-ear-web", P + "[default=2]"));
    }

    @Test
    void aJobEnqueuedByTheInjectedClientRunsOnceWithItsEvents() {
        Http app = new Http(base.toString() + "jobs/");
        assertEquals(WildFly.nodeName(1) + " dev.roger.ejb.ContainerRogerClient", app.ok("whoami"));

        String id = app.ok("enqueue", "p", P, "type", "wf-echo", "queue", "default", "arg", "ear");

        Await.until("after-run of " + id, WAIT, () -> events(app, id).contains("AfterRun"));
        assertEquals(List.of("BeforeRun", "AfterRun"), events(app, id));
        assertEquals("1", app.ok("runs", "id", id));
        // The WAR's jboss-web.xml still maps the application's factory inside the EAR: no second adapter.
        assertTrue(WildFly.logSinceBoot(1).stream().noneMatch(l -> l.contains("RaActivator")),
                "a second adapter instance was activated");
    }

    private static List<String> events(Http app, String id) {
        String csv = app.ok("events", "id", id);
        return csv.isEmpty() ? List.of() : List.of(csv.split(","));
    }
}
