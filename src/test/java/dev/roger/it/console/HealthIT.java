package dev.roger.it.console;

import static dev.roger.it.console.ConsoleHttp.User.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Job;
import dev.roger.api.PartitionSpec;
import dev.roger.client.AmqpRogerClient;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.it.console.ConsoleHttp.Answer;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.PayaraMicro;
import dev.roger.it.support.NamedClusterQueues;
import dev.roger.it.support.PayaraProcess;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.testing.TestBroker;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's plain health endpoints on a real node: ready and live while it runs jobs; on
 * SIGTERM, with jobs still running inside a 30 s shutdown grace, readiness answers 503 before the
 * drain ends (Roger's, with {@code roger-shutdown} DOWN, or Payara's own once it stopped serving
 * its applications: a race), and liveness is never Roger's DOWN. The node runs with
 * {@code metricsEnabled=false}: its {@code /metrics} answers 404.
 */
class HealthIT {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String CLUSTER = "he" + RUN;
    private static final String NODE = "he-node-" + RUN;
    private static final String H = "hep-" + RUN;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static PayaraProcess node;
    private static ConsoleHttp http;
    private static AmqpRogerClient client;

    private static String q(String name) {
        return CLUSTER + "." + name;
    }

    @BeforeAll
    static void bootANode() throws Exception {
        Path app = PayaraMicro.export(Deployments.war("he-jobs", MetricsJobBean.class, MetricsWork.class));
        node = PayaraProcess.start("health", TestBroker.uri(), Map.of("nodeName", NODE, "cluster", CLUSTER,
                        "statePersister", "none", "shutdownGraceSeconds", "10", "metricsEnabled", "false"), List.of(),
                PayaraMicro.dir().resolve("roger-console.war"), app);
        http = new ConsoleHttp("http://127.0.0.1:" + node.port() + "/roger-console");
        client = AmqpRogerClient.builder().settings(AmqpSettings.ofUri(TestBroker.uri())).cluster(CLUSTER).build();
        client.admin().startPartition(NODE, PartitionSpec.parse(H + "[default=2]"));
        try (Broker broker = Broker.connect()) {
            Await.until("the node consumes " + H, WAIT, () -> broker.consumers(q(H + "-default")) == 1);
        }
    }

    @AfterAll
    static void cleanUp() {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
        NamedClusterQueues.delete(CLUSTER, List.of(H, "mt_boot"));
    }

    @Test
    void readyUntilTheShutdownBeginsThenNotReadyWhileStillLive() throws Exception {
        Answer ready = http.get(NONE, "/health/ready");
        assertEquals(200, ready.status(), ready.toString());
        assertEquals("UP", ready.object().getString("status"));
        assertEquals(Map.of("roger-broker", "UP", "roger-partitions", "UP", "roger-shutdown", "UP"), checks(ready.object()));
        assertEquals(200, http.get(NONE, "/health/live").status());
        assertEquals(404, http.get(NONE, "/health/other").status());
        // The same checks joined to the server's own MicroProfile Health answer.
        ConsoleHttp server = new ConsoleHttp("http://127.0.0.1:" + node.port());
        for (String kind : List.of("ready", "live")) {
            Answer answer = server.get(NONE, "/health/" + kind);
            assertEquals(200, answer.status(), answer.toString());
            JsonObject roger = answer.object().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .filter(c -> c.getString("name").equals("roger")).findFirst()
                    .orElseThrow(() -> new AssertionError("no check 'roger' in the server's /health/" + kind + ": " + answer));
            assertEquals("UP", roger.getString("status"), roger.toString());
        }
        Answer serverReady = server.get(NONE, "/health/ready");
        assertTrue(serverReady.object().toString().contains("\"shutdown\":\"UP:"), serverReady.toString());
        Answer metrics = http.get(NONE, "/metrics");
        assertEquals(404, metrics.status(), "metricsEnabled=false: nothing to scrape: " + metrics);

        for (int i = 0; i < 2; i++) {
            client.enqueue(H, Job.builder("mt-work").args(new MetricsWork("hold")).build());
        }
        Await.until("2 jobs run on the node", WAIT,
                () -> client.admin().info().nodes().stream().mapToInt(n -> n.running().size()).sum() == 2);
        assertEquals(200, http.get(NONE, "/health/ready").status(), "still ready while jobs run");

        node.signalTerminate();
        // Roger's hook closes the gate at once; Payara's own hook, running beside it, stops serving
        // its applications within moments (its HTML 503 on every path). Either way a probe sees 503
        // while the jobs still drain; which one comes first is a race, so both are accepted here.
        Answer down = Await.value("readiness goes DOWN after SIGTERM", Duration.ofSeconds(20), () -> {
            Answer a = http.get(NONE, "/health/ready");
            return a.status() == 503 ? a : null;
        });
        Answer live = http.get(NONE, "/health/live");
        assertFalse(node.log().contains("Roger stopping node"), "readiness was DOWN before the drain ended");
        boolean rogerSaysDown = down.body().startsWith("{");
        if (rogerSaysDown) {
            assertEquals("DOWN", down.object().getString("status"), down.toString());
            assertEquals("DOWN", checks(down.object()).get("roger-shutdown"), down.toString());
        }
        boolean rogerSaysLive = live.status() == 200 && live.body().startsWith("{")
                && live.object().getString("status").equals("UP");
        boolean serverStopped = live.status() == 503 && !live.body().startsWith("{");
        assertTrue(rogerSaysLive || serverStopped, "liveness during the graceful shutdown is never Roger's DOWN: " + live);
        System.out.println("HealthIT: after SIGTERM readiness answered 503 from " + (rogerSaysDown ? "Roger: " + down.body()
                : "Payara (its applications already stopped)") + "; liveness then answered "
                + (rogerSaysLive ? "200 UP (Roger)" : "503 from Payara"));
        assertTrue(node.awaitExit(Duration.ofSeconds(120)), "the node exits after its grace");
    }

    private static Map<String, String> checks(JsonObject health) {
        Map<String, String> m = new java.util.TreeMap<>();
        for (JsonValue c : health.getJsonArray("checks")) {
            m.put(c.asJsonObject().getString("name"), c.asJsonObject().getString("status"));
        }
        return m;
    }
}
