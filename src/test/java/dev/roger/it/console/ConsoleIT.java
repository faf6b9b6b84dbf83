package dev.roger.it.console;

import static dev.roger.it.console.ConsoleHttp.User.ADMIN;
import static dev.roger.it.console.ConsoleHttp.User.NONE;
import static dev.roger.it.console.ConsoleHttp.User.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Job;
import dev.roger.api.PartitionSpec;
import dev.roger.client.AmqpRogerClient;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.it.console.ConsoleHttp.Answer;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.PayaraMicro;
import dev.roger.it.support.NamedClusterQueues;
import dev.roger.it.support.PayaraProcess;
import dev.roger.testing.TestBroker;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management REST API over real HTTP: one Payara Micro node (in a Roger cluster of this run's
 * own, so no other test's node shows up) with the RAR, a small job application and
 * {@code roger-console.war}; users made by post-boot {@code create-file-user} commands in the file
 * realm: alice (group roger-admin), victor (roger-viewer). Every endpoint is called with the right
 * role and its outcome checked where an operator sees it; each resource class is called without
 * credentials (401) and with the wrong role (403); a cross-site form post changes nothing.
 */
class ConsoleIT {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String CLUSTER = "cn" + RUN;
    private static final String NODE = "cn-node-" + RUN;
    /** The partition the tests pause, purge and look at. */
    private static final String P = "cn-" + RUN;
    /** The partition whose jobs are buried. */
    private static final String B = "cnb-" + RUN;
    /** The partition started, reconfigured and stopped through the API. */
    private static final String X = "cnx-" + RUN;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static PayaraProcess node;
    private static ConsoleHttp api;
    private static AmqpRogerClient client;

    private static String q(String name) {
        return CLUSTER + "." + name;
    }

    @BeforeAll
    static void bootANodeWithTheConsole() throws Exception {
        List<String> postBoot = ConsoleHttp.postBootUsers(PayaraMicro.dir().resolve("console-users"));
        Path app = PayaraMicro.export(Deployments.war("console-jobs", ConsoleJobBean.class, ConsoleWork.class));
        node = PayaraProcess.start("console", TestBroker.uri(),
                Map.of("nodeName", NODE, "cluster", CLUSTER, "statePersister", "none"), postBoot, app,
                PayaraMicro.dir().resolve("roger-console.war"));
        api = new ConsoleHttp("http://127.0.0.1:" + node.port() + "/roger-console/api");
        client = AmqpRogerClient.builder().settings(AmqpSettings.ofUri(TestBroker.uri())).cluster(CLUSTER).build();
        client.admin().startPartition(NODE, PartitionSpec.parse(P + "[default=1]"));
        client.admin().startPartition(NODE, PartitionSpec.parse(B + "[default=1]"));
        try (Broker broker = Broker.connect()) {
            Await.until("the node consumes " + P + " and " + B, WAIT,
                    () -> broker.consumers(q(P + "-default")) == 1 && broker.consumers(q(B + "-default")) == 1);
        }
    }

    @AfterAll
    static void stopTheNode() {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
        NamedClusterQueues.delete(CLUSTER, List.of(P, B, X, X + "m", "cn_boot"));
    }

    @Test
    void eachResourceRefusesCallersWithoutCredentialsOrTheRole() {
        String spec = "{\"partition\":\"" + X + "m\",\"queues\":{\"default\":1}}";
        record Call(String what, String method, String path, String body) {
        }
        List<Call> reads = List.of(new Call("info", "GET", "/info", null),
                new Call("state", "GET", "/partitions/" + P + "/state", null),
                new Call("buried", "GET", "/partitions/" + P + "/queues/default/buried", null),
                new Call("node partitions", "GET", "/nodes/" + NODE + "/partitions", null));
        List<Call> changes = List.of(new Call("resume", "POST", "/partitions/" + P + "/queues/default/resume", null),
                new Call("delete all buried", "DELETE", "/partitions/" + P + "/queues/default/buried", null),
                new Call("start partition", "POST", "/nodes/" + NODE + "/partitions", spec));
        for (Call c : reads) {
            assertEquals(401, api.get(NONE, c.path()).status(), c.what());
            assertEquals(200, api.get(VIEWER, c.path()).status(), c.what());
            assertEquals(200, api.get(ADMIN, c.path()).status(), c.what());
        }
        for (Call c : changes) {
            assertEquals(401, api.change(NONE, c.method(), c.path(), c.body()).status(), c.what());
            assertEquals(403, api.change(VIEWER, c.method(), c.path(), c.body()).status(), c.what());
        }
        assertFalse(runningOnNode().contains(X + "m"), "the viewer's start did nothing");
        for (Call c : changes) {
            Answer a = api.change(ADMIN, c.method(), c.path(), c.body());
            assertEquals(200, a.status(), c.what() + ": " + a);
        }
        assertTrue(runningOnNode().contains(X + "m"), "the admin's start did");
        assertEquals(204, api.change(ADMIN, "DELETE", "/nodes/" + NODE + "/partitions/" + X + "m").status());
    }

    @Test
    void infoListsTheNodeAndItsPartitions() {
        JsonObject info = api.get(VIEWER, "/info").object();
        assertEquals(1, info.getInt("expectedNodes"), info.toString());
        JsonObject n = info.getJsonArray("nodes").getJsonObject(0);
        assertEquals(NODE, n.getString("name"));
        assertTrue(n.getBoolean("connected"));
        assertTrue(n.getJsonArray("partitions").stream().map(JsonValue::asJsonObject)
                .anyMatch(p -> p.getString("partition").equals(P)), n.toString());
        assertEquals(NODE, api.get(VIEWER, "/local-node").object().getString("name"));
    }

    @Test
    void aPausedQueueShowsInTheGlobalStateUntilResumed() {
        Answer paused = api.change(ADMIN, "POST", "/partitions/" + P + "/queues/default/pause");
        try {
            assertEquals(200, paused.status(), paused.toString());
            assertEquals(List.of(NODE), strings(paused.object(), "answered"));
            assertEquals(List.of("default"), strings(api.get(VIEWER, "/partitions/" + P + "/state").object(), "pausedQueues"));
        } finally {
            assertEquals(200, api.change(ADMIN, "POST", "/partitions/" + P + "/queues/default/resume").status());
        }
        assertEquals(List.of(), strings(api.get(VIEWER, "/partitions/" + P + "/state").object(), "pausedQueues"));

        Answer noOwner = api.change(ADMIN, "POST", "/partitions/never-" + RUN + "/queues/default/pause");
        assertEquals(503, noOwner.status(), "no node ever ran it, so its state has no owner: " + noOwner);
        assertEquals("StateUnavailableException", noOwner.object().getString("error"));
    }

    @Test
    void recurringJobsAreListedWithTheirNextTickPausedResumedTriggeredAndRemoved() {
        client.admin().scheduleRecurring(P, dev.roger.api.RecurringJob.builder("yearly", "0 0 0 1 1 *", "cn-work")
                .args(new ConsoleWork(false)).build());
        String base = "/partitions/" + P + "/recurring";
        JsonObject listed = api.get(VIEWER, base).array().getJsonObject(0);
        assertEquals("yearly", listed.getString("name"));
        assertEquals("0 0 0 1 1 *", listed.getString("cron"));
        assertEquals("UTC", listed.getString("zone"));
        assertEquals(java.time.Year.now(java.time.ZoneOffset.UTC).getValue() + 1 + "-01-01T00:00:00Z",
                listed.getString("nextTick"));
        assertEquals(403, api.change(VIEWER, "POST", base + "/yearly/pause").status());
        assertEquals(200, api.change(ADMIN, "POST", base + "/yearly/pause").status());
        JsonObject paused = api.get(VIEWER, base).array().getJsonObject(0);
        assertTrue(paused.getBoolean("paused"), paused.toString());
        assertTrue(!paused.containsKey("nextTick") || paused.isNull("nextTick"), paused.toString());
        assertEquals(200, api.change(ADMIN, "POST", base + "/yearly/resume").status());
        assertFalse(api.get(VIEWER, base).array().getJsonObject(0).getBoolean("paused"));

        assertEquals(200, api.change(ADMIN, "POST", "/partitions/" + P + "/queues/default/pause").status());
        try (Broker broker = Broker.connect()) {
            assertEquals(200, api.change(ADMIN, "POST", base + "/yearly/trigger").status());
            Await.until("the triggered job waits in the paused queue", WAIT, () -> broker.messages(q(P + "-default")) == 1);
            List<String> ids = broker.messageIds(q(P + "-default"));
            assertTrue(ids.get(0).startsWith("r-yearly-t"), ids.toString());
            api.change(ADMIN, "POST", "/partitions/" + P + "/queues/default/purge?target=QUEUED");
        } finally {
            api.change(ADMIN, "POST", "/partitions/" + P + "/queues/default/resume");
        }
        assertEquals(200, api.change(ADMIN, "DELETE", base + "/yearly").status());
        assertEquals(0, api.get(VIEWER, base).array().size());
        Answer gone = api.change(ADMIN, "DELETE", base + "/yearly");
        assertEquals(404, gone.status(), gone.toString());
        assertEquals("RecurringJobNotFound", gone.object().getString("error"));
    }

    @Test
    void aPurgeReturnsItsCounts() {
        assertEquals(200, api.change(ADMIN, "POST", "/partitions/" + P + "/queues/default/pause").status());
        try (Broker broker = Broker.connect()) {
            for (int i = 0; i < 3; i++) {
                client.enqueue(P, work(false));
            }
            Await.until("3 jobs wait", WAIT, () -> broker.messages(q(P + "-default")) == 3);
            Answer none = api.change(ADMIN, "POST", "/partitions/" + P + "/queues/default/purge");
            assertEquals(400, none.status(), none.toString());
            assertEquals("IllegalArgumentException", none.object().getString("error"));
            assertEquals(400, api.change(ADMIN, "POST", "/partitions/" + P + "/queues/default/purge?target=ALL").status());

            JsonObject purged = api.change(ADMIN, "POST", "/partitions/" + P + "/queues/default/purge?target=QUEUED").object();
            assertEquals(3, purged.getInt("queued"), purged.toString());
            assertEquals(0, purged.getInt("retrying"));
            assertEquals(0, broker.messages(q(P + "-default")));
        } finally {
            api.change(ADMIN, "POST", "/partitions/" + P + "/queues/default/resume");
        }
    }

    @Test
    void buriedJobsAreListedRetriedAndDeleted() {
        String buried = "/partitions/" + B + "/queues/default/buried";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(client.enqueue(B, work(true)).id());
        }
        Await.until("4 jobs buried", WAIT, () -> jobs(buried).size() == 4);
        JsonObject first = jobs(buried).getJsonObject(0);
        assertEquals("cn-work", first.getString("type"));
        assertEquals(NODE, first.getString("node"));
        assertEquals(B, first.getString("partition"));
        assertEquals("default", first.getString("queue"));
        assertFalse(first.containsKey("args"), "no arguments shown");
        assertTrue(ids.contains(first.getString("jobId")));
        JsonObject page1 = api.get(VIEWER, buried + "?limit=1").object();
        JsonObject page2 = api.get(VIEWER, buried + "?limit=1&before=" + page1.getString("next")).object();
        assertEquals(4, page1.getInt("matching"));
        assertEquals(jobs(buried).getJsonObject(1).getString("jobId"),
                page2.getJsonArray("jobs").getJsonObject(0).getString("jobId"), "the second page follows the first");
        JsonArray found = api.get(VIEWER, "/buried?partition=" + B + "&jobId=" + ids.get(3)).object().getJsonArray("jobs");
        assertEquals(1, found.size(), found.toString());
        assertEquals(ids.get(3), found.getJsonObject(0).getString("jobId"));
        assertEquals(400, api.change(ADMIN, "POST", "/buried/delete").status(), "a cluster-wide delete needs a filter");

        assertEquals(200, api.change(ADMIN, "POST", "/partitions/" + B + "/queues/default/pause").status());
        try (Broker broker = Broker.connect()) {
            assertEquals(200, api.change(ADMIN, "POST", buried + "/" + ids.get(0) + "/retry").status());
            Await.until("the retried job waits in its queue", WAIT, () -> broker.messages(q(B + "-default")) == 1);
            assertEquals(200, api.change(ADMIN, "DELETE", buried + "/" + ids.get(1)).status());
            assertEquals(List.of(ids.get(2), ids.get(3)), buriedIdsSorted(buried, ids));
            Answer gone = api.change(ADMIN, "DELETE", buried + "/" + ids.get(1));
            assertEquals(404, gone.status(), gone.toString());
            assertEquals("BuriedJobNotFound", gone.object().getString("error"));
            assertEquals(404, api.change(ADMIN, "POST", buried + "/" + ids.get(1) + "/retry").status());

            assertEquals(1, api.change(ADMIN, "POST", "/buried/retry?partition=" + B + "&jobId=" + ids.get(2))
                    .object().getInt("count"), "a search's matches retried");
            assertEquals(1, api.change(ADMIN, "POST", buried + "/retry-all").object().getInt("count"));
            assertEquals(0, jobs(buried).size());
            Await.until("3 jobs wait again", WAIT, () -> broker.messages(q(B + "-default")) == 3);
        } finally {
            api.change(ADMIN, "POST", "/partitions/" + B + "/queues/default/resume");
        }
        Await.until("the 3 fail again and are buried", WAIT, () -> jobs(buried).size() == 3);
        assertEquals(3, api.change(ADMIN, "DELETE", buried).object().getInt("count"));
        assertEquals(0, jobs(buried).size());
    }

    @Test
    void partitionsAreStartedReconfiguredAndStoppedOnTheNamedNode() {
        String partitions = "/nodes/" + NODE + "/partitions";
        Answer started = api.change(ADMIN, "POST", partitions, "{\"partition\":\"" + X + "\",\"queues\":{\"default\":2}}");
        assertEquals(200, started.status(), started.toString());
        assertEquals(2, workers(X));
        assertEquals(200, api.change(ADMIN, "PUT", partitions + "/" + X, "{\"queues\":{\"default\":3}}").status());
        assertEquals(3, workers(X));
        Answer zero = api.change(ADMIN, "PUT", partitions + "/" + X, "{\"queues\":{\"default\":0}}");
        assertEquals(400, zero.status(), zero.toString());

        JsonObject stop = api.change(ADMIN, "POST", partitions + "/" + X + "/safe-stop?timeoutSeconds=10").object();
        JsonObject onNode = stop.getJsonArray("nodes").getJsonObject(0);
        assertEquals(NODE, onNode.getString("node"));
        assertTrue(onNode.getBoolean("wasRunning"), stop.toString());
        assertEquals(0, onNode.getInt("stillRunning"));
        assertFalse(runningOnNode().contains(X));

        Answer notRunning = api.change(ADMIN, "DELETE", partitions + "/" + X);
        assertEquals(404, notRunning.status(), notRunning.toString());
        assertEquals("PartitionNotRunningException", notRunning.object().getString("error"));
        assertEquals(404, api.change(ADMIN, "PUT", partitions + "/" + X, "{\"queues\":{\"default\":1}}").status());

        assertEquals(200, api.change(ADMIN, "POST", partitions, "{\"partition\":\"" + X + "\",\"queues\":{\"default\":1}}").status());
        JsonObject clusterStop = api.change(ADMIN, "POST", "/partitions/" + X + "/safe-stop?timeoutSeconds=10").object();
        assertEquals(1, clusterStop.getInt("expectedNodes"), clusterStop.toString());
        assertEquals(NODE, clusterStop.getJsonArray("nodes").getJsonObject(0).getString("node"));
        assertFalse(runningOnNode().contains(X));

        Answer unknownNode = api.get(VIEWER, "/nodes/nobody-" + RUN + "/partitions");
        assertEquals(502, unknownNode.status(), unknownNode.toString());
        assertEquals("RogerException", unknownNode.object().getString("error"));
    }

    @Test
    void aCrossSiteFormPostIsRefusedAndChangesNothing() {
        String pause = "/partitions/" + P + "/queues/default/pause";
        // What a form on another site submits with the operator's remembered credentials.
        Answer form = api.send(ADMIN, "POST", pause, "x=1", Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Origin", "http://evil.example"));
        assertEquals(403, form.status(), form.toString());
        assertEquals("CrossSiteRequestRefused", form.object().getString("error"));
        Answer foreign = api.send(ADMIN, "POST", pause, null, Map.of("X-Roger-Request", "1", "Origin", "http://evil.example"));
        assertEquals(403, foreign.status(), foreign.toString());
        assertEquals(List.of(), strings(api.get(VIEWER, "/partitions/" + P + "/state").object(), "pausedQueues"),
                "the queue was not paused");

        String own = api.base().substring(0, api.base().indexOf("/roger-console"));
        Answer sameOrigin = api.send(ADMIN, "POST", pause, null, Map.of("X-Roger-Request", "1", "Origin", own));
        assertEquals(200, sameOrigin.status(), sameOrigin.toString());
        assertEquals(200, api.change(ADMIN, "POST", "/partitions/" + P + "/queues/default/resume").status());
    }

    @Test
    void changesAreLoggedWithTheCallerAndOutcome() {
        assertEquals(200, api.change(ADMIN, "POST", "/partitions/" + P + "/queues/default/resume").status());
        String line = "Roger console: alice POST /partitions/" + P + "/queues/default/resume -> 200 ControlResult[answered=[" + NODE;
        Await.until("the change is logged: " + line, WAIT, () -> node.log().contains(line));
        assertEquals(200, api.change(ADMIN, "POST", "/partitions/" + P + "/queues/default/purge?target=RETRYING").status());
        String purge = "Roger console: alice POST /partitions/" + P + "/queues/default/purge?target=RETRYING -> 200 PurgeResult[";
        Await.until("the purge, its target and counts are logged: " + purge, WAIT, () -> node.log().contains(purge));
        assertFalse(node.log().contains(ADMIN.password), "no password in the log");
    }

    @Test
    void theOpenApiDocumentIsServedWithoutLogin() {
        Answer doc = api.get(NONE, "/openapi.json");
        assertEquals(200, doc.status(), doc.toString());
        assertEquals("3.0.3", doc.object().getString("openapi"));
        assertTrue(doc.object().getJsonObject("paths").containsKey("/partitions/{partition}/queues/{queue}/pause"));
        // Only GET is open: the other methods are uncovered, and deny-uncovered-http-methods refuses them.
        assertEquals(403, api.send(NONE, "POST", "/openapi.json", null, Map.of("X-Roger-Request", "1")).status());
    }

    private static Job work(boolean fail) {
        return Job.builder("cn-work").args(new ConsoleWork(fail)).build();
    }

    private static List<String> strings(JsonObject o, String key) {
        return o.getJsonArray(key).getValuesAs(jakarta.json.JsonString.class).stream().map(s -> s.getString()).sorted().toList();
    }

    private static List<String> runningOnNode() {
        return api.get(VIEWER, "/nodes/" + NODE + "/partitions").array().stream()
                .map(v -> v.asJsonObject().getString("partition")).toList();
    }

    private static int workers(String partition) {
        return api.get(VIEWER, "/nodes/" + NODE + "/partitions").array().stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getString("partition").equals(partition)).findFirst().orElseThrow()
                .getJsonObject("queues").getInt("default");
    }

    /** The buried jobs' ids, in the order of {@code ids} (the list itself is newest first). */
    private static JsonArray jobs(String buriedPath) {
        return api.get(VIEWER, buriedPath).object().getJsonArray("jobs");
    }

    private static List<String> buriedIdsSorted(String buried, List<String> ids) {
        List<String> listed = jobs(buried).stream().map(v -> v.asJsonObject().getString("jobId")).toList();
        return ids.stream().filter(listed::contains).toList();
    }
}
