package dev.roger.wildfly.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Names;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.wildfly.support.Http;
import dev.roger.wildfly.support.TestApps;
import dev.roger.wildfly.support.TestApps.Descriptor;
import dev.roger.wildfly.support.TestPartitions;
import dev.roger.wildfly.support.WildFly;
import dev.roger.wildfly.support.WildFlyProcess;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two WildFly servers (node 1 under Arquillian with standalone.xml, node 2 started here with
 * standalone-full.xml, whose default MDB adapter stays ActiveMQ's) run the same application on one
 * partition: each runs exactly one adapter instance, they share the partition's jobs (each node
 * runs as many at once as its workers) and every job runs exactly once.
 */
@ExtendWith(ArquillianExtension.class)
class TwoNodesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WORKERS = 4;
    private static final String P = TestPartitions.create("wf2", "default", "block");

    private static WildFlyProcess node2;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return app();
    }

    private static WebArchive app() {
        return TestApps.war("wf-pair", partitions());
    }

    private static String partitions() {
        return P + "[default=2,block=" + WORKERS + "]";
    }

    @BeforeAll
    static void startNode2() {
        // Node 2 runs the full profile: ActiveMQ stays its default MDB adapter, the application binds its beans.
        node2 = WildFlyProcess.start(2, "standalone-full.xml",
                TestApps.war("wf-pair", partitions(), EnumSet.of(Descriptor.JBOSS_WEB, Descriptor.JBOSS_EJB3)),
                "wf-pair/jobs/peak?gate=boot", Duration.ofSeconds(150));
    }

    @AfterAll
    static void stopNode2() {
        if (node2 != null) {
            node2.close();
        }
    }

    @Test
    void twoNodesEachWithOneAdapterShareAPartitionsJobsAndEachJobRunsOnce() {
        Http one = new Http(base.toString() + "jobs/");
        Http two = new Http("http://127.0.0.1:" + WildFly.httpPort(2) + "/wf-pair/jobs/");
        for (List<String> log : List.of(WildFly.logSinceBoot(1), node2.logSinceBoot())) {
            assertEquals(1, log.stream().filter(l -> l.contains("Roger started on node")).count(), "adapter starts");
        }
        assertTrue(one.ok("whoami").startsWith(WildFly.nodeName(1) + " "), one.ok("whoami"));
        assertTrue(two.ok("whoami").startsWith(WildFly.nodeName(2) + " "), two.ok("whoami"));

        // Both nodes consume the queue before the jobs come, else the first one takes its share at once.
        String queue = Names.mainQueue(P, "block");
        try (Broker broker = Broker.connect()) {
            Await.until(queue + " has a consumer on each node", WAIT, () -> broker.consumers(queue) == 2);
        }
        // Twice a node's workers, all blocked on one gate: each node can hold only its share.
        String gate = "pair-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2 * WORKERS; i++) {
            ids.add(one.ok("enqueue", "p", P, "type", "wf-block", "queue", "block", "arg", gate));
        }
        try {
            Await.until("each node runs " + WORKERS + " jobs at once", WAIT,
                    () -> peak(one, gate) == WORKERS && peak(two, gate) == WORKERS);
        } finally {
            one.ok("open", "gate", gate);
            two.ok("open", "gate", gate);
        }
        for (String id : ids) {
            Await.until("after-run of " + id + " on one of the nodes", WAIT,
                    () -> events(one, id).contains("AfterRun") || events(two, id).contains("AfterRun"));
        }
        for (String id : ids) {
            assertEquals(1, runs(one, id) + runs(two, id), "runs of " + id + " on both nodes together");
        }
        assertTrue(ids.stream().anyMatch(id -> runs(two, id) == 1), "node 2 ran none");
        assertTrue(ids.stream().anyMatch(id -> runs(one, id) == 1), "node 1 ran none");
    }

    private static int peak(Http node, String gate) {
        return Integer.parseInt(node.ok("peak", "gate", gate));
    }

    private static int runs(Http node, String id) {
        return Integer.parseInt(node.ok("runs", "id", id));
    }

    private static List<String> events(Http node, String id) {
        String csv = node.ok("events", "id", id);
        return csv.isEmpty() ? List.of() : List.of(csv.split(","));
    }
}
