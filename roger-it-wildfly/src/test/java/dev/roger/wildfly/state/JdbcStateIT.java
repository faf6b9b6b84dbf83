package dev.roger.wildfly.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Names;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.wildfly.app.StateDataSourceServlet;
import dev.roger.wildfly.support.Http;
import dev.roger.wildfly.support.StateTable;
import dev.roger.wildfly.support.TestApps;
import dev.roger.wildfly.support.TestPartitions;
import dev.roger.wildfly.support.WildFly;
import dev.roger.wildfly.support.WildFlyProcess;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The JDBC state persister on WildFly: a node started with {@code -Droger.statePersister=jdbc} and
 * {@code -Droger.stateDataSource=jdbc/roger-state} (read by the RAR's ironjacamar.xml) keeps its
 * partition's global state in PostgreSQL's {@code roger_state}, on the DataSource the application
 * defines ({@code @DataSourceDefinition} at {@code java:app/jdbc/roger-state}, the driver in
 * WEB-INF/lib). A paused queue and a held queue key are in the table and still hold after the node
 * restarts. Node 1 (Arquillian) keeps the default persister for the other tests, so this runs on
 * its own server, node 3 (node 2's ports), booted twice.
 */
class JdbcStateIT {

    private static final System.Logger LOG = System.getLogger(JdbcStateIT.class.getName());
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration BOOT = Duration.ofSeconds(150);
    private static final int NODE = 3;
    private static final String APP = "wf-jdbc";
    private static final String P = TestPartitions.create("wfdb", "default");
    private static final Map<String, String> JDBC = Map.of(
            "roger.statePersister", "jdbc",
            "roger.stateDataSource", "jdbc/roger-state");

    private static WildFlyProcess node;

    private static WebArchive app() {
        return TestApps.warOnPartitions(APP, P + "[default=2]")
                .addClass(StateDataSourceServlet.class)
                .addAsLibrary(ShrinkWrap.createFromZipFile(JavaArchive.class, StateTable.driverJar()));
    }

    private static WildFlyProcess boot() {
        // The DataSource answering is the readiness check: the application and its definition are up.
        return WildFlyProcess.start(NODE, "standalone.xml", app(), APP + "/ds", BOOT, JDBC);
    }

    @AfterAll
    static void cleanUp() {
        if (node != null) {
            node.close();
        }
        // The node is down: nothing writes the row again. The queues go at the end of the session.
        StateTable.delete(P);
    }

    @Test
    void aPausedQueueAndAHeldKeyAreInRogerStateAndHoldAfterARestart() {
        node = boot();
        Http app = new Http("http://127.0.0.1:" + WildFly.httpPort(NODE) + "/" + APP + "/jobs/");
        assertTrue(StateTable.row(P).isEmpty(), "a new partition has no row yet");

        app.ok("pause", "p", P, "queue", "default");
        // The stored JSON (StoredStateFormat): {"v":1,"paused":[..],"queueKeys":{key:job},...}.
        Await.until("the pause is stored in roger_state", WAIT,
                () -> state().contains("\"paused\":[\"default\"]"));
        LOG.log(Level.INFO, "roger_state of {0} after the pause: {1}", P, StateTable.row(P).orElseThrow());

        String key = "k-" + UUID.randomUUID().toString().substring(0, 8);
        String gate = "jdbc-" + UUID.randomUUID();
        String keyed = app.ok("enqueue", "p", P, "type", "wf-block", "queue", "default", "key", key, "arg", gate);
        String echo = app.ok("enqueue", "p", P, "type", "wf-echo", "queue", "default", "arg", "after-restart");
        // The key is stored within a second (the periodic store).
        Await.until("the held key is stored in roger_state", WAIT,
                () -> state().contains(key) && state().contains(keyed));
        LOG.log(Level.INFO, "roger_state of {0} with the key held: {1}", P, StateTable.row(P).orElseThrow());

        node.close();
        node = null;
        node = boot();
        // The restarted node's Roger is a new adapter and a new application: all it knows of the
        // partition is the row.
        assertEquals(WildFly.nodeName(NODE), app.ok("whoami").split(" ")[0]);
        // One enqueue decides the key check (a second try would meet its own job): first the
        // partition's owner has to be up again.
        try (Broker broker = Broker.connect()) {
            Await.until("the restarted node owns the partition", WAIT, () -> broker.consumers(Names.ownerQueue(P)) == 1);
        }
        Http.Reply again = app.get("enqueue", "p", P, "type", "wf-block", "queue", "default", "key", key, "arg", gate);
        assertEquals(409, again.status(), "the key is still held after the restart: " + again.body());
        Await.holds("the queue is still paused after the restart: nothing runs", Duration.ofSeconds(3),
                () -> runs(app, echo) == 0 && runs(app, keyed) == 0);

        app.ok("resume", "p", P, "queue", "default");
        app.ok("open", "gate", gate);
        Await.until("after resume, the job enqueued before the restart runs", WAIT,
                () -> events(app, echo).contains("AfterRun"));
        Await.until("after resume, the keyed job runs", WAIT, () -> events(app, keyed).contains("AfterRun"));
        Await.until("the key is free again: a new job with it is taken", WAIT,
                () -> app.get("enqueue", "p", P, "type", "wf-echo", "queue", "default", "key", key, "arg", "x")
                        .status() == 200);
        List<String> adapterStarts = node.logSinceBoot().stream().filter(l -> l.contains("Roger started on node")).toList();
        assertEquals(1, adapterStarts.size(), "adapter starts: " + adapterStarts);
    }

    /** The partition's stored state; empty while it has no row. */
    private static String state() {
        return StateTable.row(P).map(StateTable.Row::state).orElse("");
    }

    private static int runs(Http app, String id) {
        return Integer.parseInt(app.ok("runs", "id", id));
    }

    private static List<String> events(Http app, String id) {
        String csv = app.ok("events", "id", id);
        return csv.isEmpty() ? List.of() : List.of(csv.split(","));
    }
}
