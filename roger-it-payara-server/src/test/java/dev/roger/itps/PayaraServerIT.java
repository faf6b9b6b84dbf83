package dev.roger.itps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.testing.TestBroker;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Roger on a real Payara Server 6 domain: Roger's Payara Server setup applied with asadmin once,
 * {@code roger-ra.rar} deployed, then a user's WAR exactly as it runs on Payara Micro (no
 * descriptor, {@code roger-ejb-api} its one dependency). Everything is checked from outside, over
 * HTTP and on the broker. {@code -Dps.skipSetup=true} leaves the setup out (the negative control).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerIT {

    private static final System.Logger LOG = System.getLogger(PayaraServerIT.class.getName());
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Unique per run, so that runs (and other tests on the shared broker) never share queues. */
    private static final String P = "ps_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final String MAIN = P + "-default";
    private static final String BURIED = MAIN + ".buried";
    private static final String AMQP_URI = TestBroker.uri();
    /** The adapter's default workers per queue (defaultWorkers, not set here). */
    private static final int DEFAULT_WORKERS = 10;
    private static final Path WORK = Path.of(System.getProperty("work.dir"));

    private static PayaraServer server;
    private static Http app;
    private static Broker broker;

    @BeforeAll
    static void deployRogerAndTheApplication() throws Exception {
        broker = Broker.connect();
        server = startNode("rogerps");
        app = deploy(server, P);
    }

    @AfterAll
    static void stopAndCleanUp() {
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.delete(MAIN, BURIED, MAIN + ".retry.1", "roger.owner." + P);
            broker.close();
        }
    }

    @Test
    @Order(1)
    void theApplicationUsesTheAdaptersCopyOfTheApi() {
        String api = app.get("/api-loader").body();
        String application = app.get("/app-loader").body();
        LOG.log(Level.INFO, "Roger API loaded by {0}; application loader {1}", api, application);
        assertNotEquals(application, api, "the WAR's own copy of roger-ejb-api won over the adapter's");
    }

    @Test
    @Order(2)
    void aJobRunsExactlyOnceInTheBeanOfItsTypeAndItsEventsArrive() {
        String id = enqueue("ps-greet", null, "hello");

        Await.until("job " + id + " ran", WAIT, () -> !runs(id).isEmpty());
        Await.until("AfterRun of " + id, WAIT, () -> events(id).contains("AfterRun"));
        assertEquals(List.of("GreetJob ps-greet " + P + " default 0"), runs(id));
        assertEquals(List.of("BeforeRun", "AfterRun"), events(id));
        // Acked: nothing left to deliver again, and no second run turns up.
        Await.until(MAIN + " empty", WAIT, () -> broker.messages(MAIN) == 0);
        Await.holds("one run of " + id, Duration.ofSeconds(1), () -> runs(id).size() == 1);
    }

    @Test
    @Order(3)
    void aFailingJobIsRetriedThenBuried() {
        String id = enqueue("ps-failing", null, "doomed");

        Await.until("JobBuried of " + id, WAIT, () -> events(id).contains("JobBuried"));
        assertEquals(List.of("FailingJob ps-failing " + P + " default 0", "FailingJob ps-failing " + P + " default 1",
                "FailingJob ps-failing " + P + " default 2"), runs(id), "the first run and two retries");
        assertTrue(events(id).stream().filter("JobError"::equals).count() >= 3, "a JobError per run: " + events(id));
        Await.until(id + " in " + BURIED, WAIT, () -> broker.messageIds(BURIED).contains(id));
        Await.holds("no fourth run of " + id, Duration.ofSeconds(2), () -> runs(id).size() == 3);
    }

    @Test
    @Order(4)
    void aQueueKeyRefusesADuplicateWhileItsJobHoldsIt() {
        String key = "k-" + P;
        String gate = "gate-" + P;
        String holder = enqueue("ps-hold", key, gate);
        Await.until(holder + " running", WAIT, () -> !runs(holder).isEmpty());

        Http.Reply duplicate = app.post("/enqueue", "partition", P, "type", "ps-greet", "key", key, "args", "x");
        assertEquals(409, duplicate.status(), "a second job with key " + key + ": " + duplicate.body());

        app.post("/open", "gate", gate);
        Await.until("AfterRun of " + holder, WAIT, () -> events(holder).contains("AfterRun"));
        // The key is free once its job finished (released by the state owner right after the run).
        Await.until("key " + key + " free again", WAIT,
                () -> app.post("/enqueue", "partition", P, "type", "ps-greet", "key", key, "args", "y").status() == 200);
    }

    @Test
    @Order(5)
    void cancellingARunningJobInterruptsItAndItIsNotRetried() {
        String gate = "never-" + P; // never opened: only the cancel ends the job
        String id = enqueue("ps-hold", null, gate);
        Await.until(id + " running", WAIT, () -> !runs(id).isEmpty());

        assertEquals(200, app.post("/cancel", "partition", P, "id", id).status(), "cancel " + id);

        Await.until("JobCancelled(running) of " + id, WAIT, () -> events(id).contains("JobCancelled(running)"));
        Await.until(id + "'s thread interrupted", WAIT, () -> ends(app, id).equals(List.of("interrupted")));
        Await.holds("the cancelled job does not run again", Duration.ofSeconds(2), () -> runs(id).size() == 1);
        assertEquals(List.of("BeforeRun", "JobCancelled(running)"), events(id), "no AfterRun, JobError or JobBuried");
    }

    @Test
    @Order(6)
    void aPausedQueueHoldsItsJobsAndACancelledQueuedJobNeverRuns() {
        assertEquals(200, app.post("/pause", "partition", P, "queue", "default").status(), "pause");
        String kept;
        String cancelled;
        try {
            kept = enqueue("ps-greet", null, "kept");
            cancelled = enqueue("ps-greet", null, "dropped");
            assertEquals(200, app.post("/cancel", "partition", P, "id", cancelled).status(), "cancel " + cancelled);
            Await.holds("no job runs from the paused queue", Duration.ofSeconds(2), () -> runs(kept).isEmpty());
        } finally {
            assertEquals(200, app.post("/resume", "partition", P, "queue", "default").status(), "resume");
        }
        Await.until("AfterRun of the kept job " + kept, WAIT, () -> events(kept).contains("AfterRun"));
        Await.until("the cancelled job " + cancelled + " dropped", WAIT,
                () -> events(cancelled).contains("JobCancelled(queued)"));
        assertEquals(List.of(), runs(cancelled), "runs of the cancelled job");
    }

    /**
     * A second domain of the same Payara Server install, on its own free port base, with its own
     * node name, runs the same WAR on the same partition: they share its jobs (each runs as many
     * at once as its workers) and every job runs exactly once. The second domain is stopped at the
     * end, so that the EAR test's job can only run on the first.
     */
    @Test
    @Order(7)
    void twoServersShareAPartitionsJobsAndEachJobRunsOnce() throws IOException {
        String name2 = P + "-2";
        try (PayaraServer server2 = startNode("rogerps2")) {
            Http two = deploy(server2, name2);
            assertEquals(P, app.get("/node").body(), "node name of the first server");
            assertEquals(name2, two.get("/node").body(), "node name of the second server");

            // Both nodes consume the queue before the jobs come, else the first one takes its share at once.
            Await.until(MAIN + " has a consumer on each node", WAIT, () -> broker.consumers(MAIN) == 2);
            // Twice a node's workers, all held on one gate: each node can hold only its share.
            String gate = "pair-" + P;
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 2 * DEFAULT_WORKERS; i++) {
                ids.add(enqueue("ps-hold", null, gate));
            }
            try {
                Await.until("each node runs " + DEFAULT_WORKERS + " jobs at once", WAIT,
                        () -> peak(app, gate) == DEFAULT_WORKERS && peak(two, gate) == DEFAULT_WORKERS);
            } finally {
                app.post("/open", "gate", gate);
                two.post("/open", "gate", gate);
            }
            for (String id : ids) {
                Await.until("AfterRun of " + id + " on one of the nodes", WAIT,
                        () -> events(app, id).contains("AfterRun") || events(two, id).contains("AfterRun"));
            }
            for (String id : ids) {
                assertEquals(1, runs(app, id).size() + runs(two, id).size(), "runs of " + id + " on both nodes together");
            }
        }
    }

    /**
     * Last, as it replaces the deployments: the same WAR in an EAR next to the adapter as a
     * connector module, with the EAR's application.xml naming the embedded adapter.
     */
    @Test
    @Order(8)
    void anEarWithTheAdapterAsAConnectorModuleRunsTheSameWar() throws IOException {
        Path ear = WORK.resolve("roger-ps-ear.ear");
        buildEar(ear);
        server.asadmin("undeploy", "roger-ps-app");
        server.asadmin("undeploy", "roger-ra");
        // An embedded adapter's configuration is named <application>#<module>.
        server.asadmin("create-resource-adapter-config", "--property", adapterProperties(P), "roger-ps-ear#roger-ra");
        server.asadmin("deploy", ear.toString());
        app = new Http("http://127.0.0.1:" + server.httpPort() + "/roger-ps-ear/roger");
        Await.until("partition " + P + " running from the EAR", Duration.ofSeconds(60),
                () -> app.get("/partitions").lines().contains(P));

        String id = enqueue("ps-greet", null, "from the EAR");
        Await.until("AfterRun of " + id, WAIT, () -> events(id).contains("AfterRun"));
        assertEquals(List.of("GreetJob ps-greet " + P + " default 0"), runs(id));
        assertEquals(List.of("BeforeRun", "AfterRun"), events(id));
        assertNotEquals(app.get("/app-loader").body(), app.get("/api-loader").body(),
                "the WAR's own copy of roger-ejb-api won over the embedded adapter's");
    }

    /** roger-ra.rar and the test WAR, unchanged, with the application.xml of src/test/resources/ear. */
    private static void buildEar(Path ear) throws IOException {
        try (OutputStream file = Files.newOutputStream(ear); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("META-INF/application.xml"));
            try (InputStream xml = PayaraServerIT.class.getResourceAsStream("/ear/application.xml")) {
                xml.transferTo(zip);
            }
            zip.putNextEntry(new ZipEntry("roger-ra.rar"));
            Files.copy(Path.of(System.getProperty("roger.rar")), zip);
            zip.putNextEntry(new ZipEntry("roger-ps-app.war"));
            Files.copy(Path.of(System.getProperty("roger.war")), zip);
        }
    }

    /**
     * A fresh domain, started, with Roger's setup applied (what a user runs once per domain, the
     * file Roger ships; left out with {@code -Dps.skipSetup=true}).
     */
    private static PayaraServer startNode(String domain) throws IOException {
        PayaraServer node = PayaraServer.create(Path.of(System.getProperty("payara.home")), WORK.resolve("domains"),
                domain, Integer.getInteger("ps.portbase", 20000));
        node.start();
        if (!Boolean.getBoolean("ps.skipSetup")) {
            node.asadmin("multimode", "--file", System.getProperty("roger.setup"));
        }
        return node;
    }

    /** Configures the adapter, deploys it and the WAR; returns the application once its partition runs. */
    private static Http deploy(PayaraServer node, String nodeName) throws IOException {
        node.asadmin("create-resource-adapter-config", "--property", adapterProperties(nodeName), "roger-ra");
        node.asadmin("deploy", System.getProperty("roger.rar"));
        node.asadmin("deploy", System.getProperty("roger.war"));
        Http http = new Http("http://127.0.0.1:" + node.httpPort() + "/roger-ps-app/roger");
        // RogerAdmin asks the node over the broker which partitions it runs: ready when the MDBs' is there.
        Await.until("partition " + P + " running on " + nodeName + " (server log: " + node.log() + ")",
                Duration.ofSeconds(60), () -> http.get("/partitions").lines().contains(P));
        return http;
    }

    /** The node's own settings (a user's choice, not the setup): this run's broker and partition, its name and files. */
    private static String adapterProperties(String nodeName) {
        return asadminProperties("uri", AMQP_URI, "defaultPartition", P, "nodeName", nodeName,
                "stateDirectory", WORK.resolve("state").resolve(nodeName).toString());
    }

    private static String enqueue(String type, String key, String args) {
        Http.Reply r = key == null ? app.post("/enqueue", "partition", P, "type", type, "args", args)
                : app.post("/enqueue", "partition", P, "type", type, "key", key, "args", args);
        assertEquals(200, r.status(), "enqueue " + type + ": " + r.body());
        return r.body().strip();
    }

    private static List<String> runs(String id) {
        return runs(app, id);
    }

    private static List<String> events(String id) {
        return events(app, id);
    }

    private static List<String> runs(Http node, String id) {
        return node.get("/runs", "id", id).lines();
    }

    private static List<String> events(Http node, String id) {
        return node.get("/events", "id", id).lines();
    }

    private static List<String> ends(Http node, String id) {
        return node.get("/ends", "id", id).lines();
    }

    private static int peak(Http node, String gate) {
        return Integer.parseInt(node.get("/peak", "gate", gate).body().strip());
    }

    /** {@code k=v:k=v} for asadmin, whose property syntax needs ':' and '=' in values escaped. */
    private static String asadminProperties(String... kv) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            if (s.length() > 0) {
                s.append(':');
            }
            s.append(kv[i]).append('=').append(kv[i + 1].replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\="));
        }
        return s.toString();
    }


    static {
        // Fail early with a clear message when run outside Maven, which sets these.
        for (String p : List.of("payara.home", "roger.rar", "roger.war", "roger.setup", "work.dir")) {
            if (System.getProperty(p) == null) {
                throw new IllegalStateException("system property " + p + " is unset: run through Maven (mvn verify)");
            }
        }
        if (!Files.isDirectory(Path.of(System.getProperty("payara.home")))) {
            throw new IllegalStateException("no Payara Server at " + System.getProperty("payara.home"));
        }
    }
}
