package dev.roger.wildfly.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.testing.Await;
import dev.roger.wildfly.support.Http;
import dev.roger.wildfly.support.TestApps;
import dev.roger.wildfly.support.TestPartitions;
import dev.roger.wildfly.support.WildFly;
import dev.roger.wildfly.support.WildFlyProcess;
import java.time.Duration;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter inside the EAR on WildFly: node 4 is standalone.xml set up by roger-wildfly.cli with
 * no roger-ra.rar of its own, and the EAR holds this build's roger-ra.rar as a connector module
 * next to the test WAR (its unchanged roger-ejb-api.jar, its jboss-web.xml). Two descriptors more:
 * the EAR's {@code META-INF/jboss-deployment-structure.xml} gives the embedded adapter's module the
 * alias {@code deployment.roger-ra.rar}, the module the manifest of roger-ejb-api.jar names; the
 * WAR's {@code WEB-INF/jboss-ejb3.xml} binds the beans to the embedded adapter, {@code <ear>#roger-ra}
 * (the server's default MDB adapter is the standalone {@code roger-ra.rar}). One adapter starts, the
 * injected client enqueues, the job runs once and its events reach the application.
 */
class EarEmbeddedIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration BOOT = Duration.ofSeconds(150);
    private static final int NODE = 4;
    private static final String EAR = "wf-embed.ear";
    private static final String WEB = "wf-embed-web";
    private static final String P = TestPartitions.create("wfembed", "default");

    /**
     * The embedded adapter's module is {@code deployment.<ear>.roger-ra.rar}; the alias lets the
     * {@code Dependencies: deployment.roger-ra.rar} entry of the WAR's roger-ejb-api.jar find it.
     */
    static final String DEPLOYMENT_STRUCTURE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.3">
              <sub-deployment name="roger-ra.rar">
                <module-alias name="deployment.roger-ra.rar"/>
              </sub-deployment>
            </jboss-deployment-structure>
            """;

    private static WildFlyProcess node;

    static EnterpriseArchive ear() {
        WebArchive war = TestApps.warOnPartitions(WEB, P + "[default=2]")
                .addAsWebInfResource(new StringAsset(TestApps.jbossEjb3(EAR + "#roger-ra")), "jboss-ejb3.xml");
        return ShrinkWrap.create(EnterpriseArchive.class, EAR)
                .addAsModule(ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, TestApps.adapterRar()))
                .addAsModule(war)
                .addAsManifestResource(new StringAsset(DEPLOYMENT_STRUCTURE), "jboss-deployment-structure.xml");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theAdapterInsideTheEarRunsTheWarsJobsOnceWithTheirEvents() {
        node = WildFlyProcess.start(NODE, "standalone.xml", ear(), WEB + "/jobs/whoami", BOOT);
        Http app = new Http("http://127.0.0.1:" + WildFly.httpPort(NODE) + "/" + WEB + "/jobs/");
        assertEquals(WildFly.nodeName(NODE) + " dev.roger.ejb.ContainerRogerClient", app.ok("whoami"));

        String id = app.ok("enqueue", "p", P, "type", "wf-echo", "queue", "default", "arg", "embedded");

        Await.until("after-run of " + id, WAIT, () -> events(app, id).contains("AfterRun"));
        assertEquals(List.of("BeforeRun", "AfterRun"), events(app, id));
        assertEquals("1", app.ok("runs", "id", id));
        List<String> log = node.logSinceBoot();
        List<String> starts = log.stream().filter(l -> l.contains("Roger started on node")).toList();
        assertEquals(1, starts.size(), "adapter starts: " + starts);
        assertTrue(log.stream().anyMatch(l -> l.contains("'" + EAR + "#roger-ra' resource adapter")),
                "no bean was started on the embedded adapter " + EAR + "#roger-ra");
        assertTrue(log.stream().noneMatch(l -> l.contains("RaActivator")), "a second adapter instance was activated");
    }

    private static List<String> events(Http app, String id) {
        String csv = app.ok("events", "id", id);
        return csv.isEmpty() ? List.of() : List.of(csv.split(","));
    }
}
