package dev.roger.it.console;

import static dev.roger.it.console.ConsoleHttp.User.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.PartitionSpec;
import dev.roger.api.admin.PurgeTarget;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node's Prometheus metrics over real HTTP, scraped from {@code roger-console.war} without a
 * login after known work: one Payara Micro node (a Roger cluster of this run's own) with the RAR,
 * the console and a job application that enqueues through the adapter. The partition label is
 * capped at 3 ({@code metricsPartitionLabels}): the boot partition and the two first started get
 * theirs, a fourth is counted as {@code _other}.
 */
class MetricsIT {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String CLUSTER = "mt" + RUN;
    private static final String NODE = "mt-node-" + RUN;
    /** Jobs that succeed, fail and retry, are buried, are cancelled. */
    private static final String P = "mtp-" + RUN;
    /** Paused: its jobs wait, for the ready gauge and the enqueue outcomes. */
    private static final String R = "mtr-" + RUN;
    /** Started after the cap was reached: counted as _other. */
    private static final String O = "mto-" + RUN;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TYPE = "mt-work";

    private static PayaraProcess node;
    private static ConsoleHttp http;
    private static AmqpRogerClient client;

    private static String q(String name) {
        return CLUSTER + "." + name;
    }

    @BeforeAll
    static void bootANodeWithTheConsole() throws Exception {
        Path app = PayaraMicro.export(Deployments.war("mt-jobs", MetricsJobBean.class, MetricsWork.class,
                EnqueueServlet.class));
        node = PayaraProcess.start("metrics", TestBroker.uri(), Map.of("nodeName", NODE, "cluster", CLUSTER,
                        "statePersister", "none", "retryLevels", "1", "metricsPartitionLabels", "3"), List.of(),
                app, PayaraMicro.dir().resolve("roger-console.war"));
        http = new ConsoleHttp("http://127.0.0.1:" + node.port());
        client = AmqpRogerClient.builder().settings(AmqpSettings.ofUri(TestBroker.uri())).cluster(CLUSTER).build();
        client.admin().startPartition(NODE, PartitionSpec.parse(P + "[default=2]"));
        client.admin().startPartition(NODE, PartitionSpec.parse(R + "[default=1]"));
        try (Broker broker = Broker.connect()) {
            Await.until("the node consumes " + P + " and " + R, WAIT,
                    () -> broker.consumers(q(P + "-default")) == 1 && broker.consumers(q(R + "-default")) == 1);
        }
        client.admin().pauseQueue(R, "default");
        // The first scrape gives the three running partitions their labels; O comes after the cap.
        Await.until("the queue gauges list " + P + " and " + R, WAIT, () -> {
            Scrape s = scrape();
            return !Double.isNaN(s.value("roger_queue_unacked", Map.of("partition", P)))
                    && !Double.isNaN(s.value("roger_queue_unacked", Map.of("partition", R)));
        });
        client.admin().startPartition(NODE, PartitionSpec.parse(O + "[default=1]"));
        try (Broker broker = Broker.connect()) {
            Await.until("the node consumes " + O, WAIT, () -> broker.consumers(q(O + "-default")) == 1);
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
        NamedClusterQueues.delete(CLUSTER, List.of(P, R, O, "mt_boot"));
    }

    @Test
    void jobOutcomesAreCountedAndTimedByPartitionQueueAndType() {
        for (int i = 0; i < 5; i++) {
            enqueue(P, "ok");
        }
        enqueue(P, "fail-once");
        enqueue(P, "bury");
        Map<String, String> series = Map.of("partition", P, "queue", "default", "type", TYPE, "node", NODE);
        Await.until("6 jobs succeeded (one on its retry) and 1 buried", WAIT, () -> {
            Scrape s = scrape();
            return s.value("roger_jobs_succeeded_total", series) == 6 && s.value("roger_jobs_buried_total", series) == 1;
        });
        String held = enqueue(P, "hold");
        Await.until("the held job runs", WAIT, () -> scrape().value("roger_node_jobs_running", Map.of("node", NODE)) == 1);
        client.cancel(P, held);
        Await.until("the held job is cancelled", WAIT, () -> {
            Scrape s = scrape();
            return s.value("roger_jobs_cancelled_total", series) == 1
                    && s.value("roger_node_jobs_running", Map.of()) == 0 && s.value("roger_node_slots_used", Map.of()) == 0;
        });

        Scrape s = scrape();
        assertEquals(9, s.value("roger_jobs_started_total", series), "5 ok, 2 attempts of fail-once, bury, hold");
        assertEquals(6, s.value("roger_jobs_succeeded_total", series));
        assertEquals(2, s.value("roger_jobs_failed_total", series), "fail-once's first attempt and bury");
        assertEquals(1, s.value("roger_jobs_retried_total", series));
        assertEquals(1, s.value("roger_jobs_buried_total", series));
        assertEquals(1, s.value("roger_jobs_cancelled_total", series));
        assertEquals(6, s.value("roger_job_duration_seconds_count", with(series, "outcome", "succeeded")));
        assertEquals(2, s.value("roger_job_duration_seconds_count", with(series, "outcome", "failed")));
        assertEquals(6, s.value("roger_job_duration_seconds_bucket", with(with(series, "outcome", "succeeded"), "le", "+Inf")));
        assertEquals(8, s.value("roger_job_start_latency_seconds_count", series), "first attempts only: not the retry");
        assertEquals(1, s.value("roger_connection_up", Map.of("node", NODE)));
        assertEquals(5, s.value("roger_node_slots_free", Map.of()), "workers 1 (boot) + 2 + 1 + 1, none in use");
        assertEquals(0, s.value("roger_queue_unacked", Map.of("partition", P, "queue", "default")));
        assertEquals(Set.of(NODE), Set.copyOf(s.samples().stream().map(x -> x.labels().get("node")).toList()),
                "every series names the node");
    }

    @Test
    void queueGaugesEnqueueOutcomesAndThePartitionCap() {
        // R is paused: its jobs wait in the queue, and a second job with a held queue key is a duplicate.
        assertFalse(enqueue(R, "ok&key=k1").equals("duplicate"));
        assertEquals("duplicate", enqueue(R, "ok&key=k1"));
        enqueue(R, "ok");
        enqueue(R, "ok");
        try {
            Await.until("3 jobs ready in " + R, WAIT, () -> scrape().value("roger_queue_ready",
                    Map.of("partition", R, "queue", "default")) == 3);
            Scrape s = scrape();
            assertEquals(3, s.value("roger_enqueue_jobs_total", Map.of("partition", R, "outcome", "ok")));
            assertEquals(1, s.value("roger_enqueue_jobs_total", Map.of("partition", R, "outcome", "duplicate")));
            assertTrue(s.value("roger_enqueue_duration_seconds_count", Map.of("outcome", "ok")) >= 3, s.text());
            assertTrue(s.find("roger_jobs_started_total", Map.of("partition", R)).isEmpty(), "paused: nothing ran");
        } finally {
            client.admin().purge(R, "default", Set.of(PurgeTarget.QUEUED));
            client.admin().resumeQueue(R, "default");
        }

        enqueue(O, "ok");
        Map<String, String> other = Map.of("partition", "_other", "queue", "default", "type", TYPE);
        Await.until("O's job counted as _other", WAIT, () -> scrape().value("roger_jobs_succeeded_total", other) == 1);
        Scrape s = scrape();
        assertFalse(s.text().contains(O), "the fourth partition's name is nowhere in the scrape");
        assertTrue(s.find("roger_queue_ready", Map.of("partition", "_other")).isEmpty(), "no queue gauge for _other");
    }

    @Test
    void theScrapeIsPrometheusTextWithoutALogin() {
        Answer a = http.send(NONE, "GET", "/roger-console/metrics", null, Map.of());
        assertEquals(200, a.status(), a.toString());
        assertTrue(a.body().contains("# TYPE roger_jobs_started_total counter"), a.body());
        assertTrue(a.body().contains("# TYPE roger_job_duration_seconds histogram"), a.body());
        assertEquals(401, http.get(NONE, "/roger-console/api/info").status(), "the API still needs a login");
    }

    private static String enqueue(String partition, String mode) {
        Answer a = http.get(NONE, "/mt-jobs/enqueue?partition=" + partition + "&mode=" + mode);
        assertEquals(200, a.status(), a.toString());
        return a.body();
    }

    private static Scrape scrape() {
        Answer a = http.get(NONE, "/roger-console/metrics");
        assertEquals(200, a.status(), a.toString());
        return Scrape.parse(a.body());
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> m = new java.util.HashMap<>(labels);
        m.put(name, value);
        return m;
    }
}
