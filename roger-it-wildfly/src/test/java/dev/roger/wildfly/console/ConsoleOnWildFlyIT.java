package dev.roger.wildfly.console;

import static dev.roger.wildfly.console.ConsoleClient.User.ADMIN;
import static dev.roger.wildfly.console.ConsoleClient.User.NONE;
import static dev.roger.wildfly.console.ConsoleClient.User.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Names;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.wildfly.console.ConsoleClient.User;
import dev.roger.wildfly.support.Http;
import dev.roger.wildfly.support.Http.Reply;
import dev.roger.wildfly.support.TestApps;
import dev.roger.wildfly.support.TestPartitions;
import dev.roger.wildfly.support.WildFly;
import dev.roger.wildfly.support.WildFlyProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code roger-console.war}, the build's WAR unchanged, on WildFly 39 {@code standalone.xml} (set
 * up with roger-wildfly.cli, roger-ra.rar deployed) beside a job application, both dropped into
 * {@code deployments}: users made with {@code bin/add-user.sh -a} (application realm) before the
 * boot, alice in group roger-admin and victor in roger-viewer. The API reads need either role, a
 * change the admin's, nothing without a login; {@code /metrics} counts the jobs that ran, and
 * {@code /health/*} answers UP, both without a login. standalone.xml has no MicroProfile Health: the
 * WAR deploys all the same and Roger's check is not in the server's own {@code /health}.
 */
class ConsoleOnWildFlyIT {

    /** Node 5 has node 2's ports (wildfly.port.offset.node2). */
    static final int NODE = 5;
    static final String APP = "wf-console-jobs";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int JOBS = 5;
    private static final String P = TestPartitions.create("wfc", "default");

    private static WildFlyProcess server;
    private static ConsoleClient console;
    private static Http app;

    /** Starts node {@code NODE} on {@code config} with the console and the job application on {@code partition}. */
    static WildFlyProcess start(String config, String partition) {
        return WildFlyProcess.start(NODE, config, List.of(TestApps.consoleWar(), TestApps.war(APP, partition + "[default=2]")),
                APP + "/jobs/whoami", Duration.ofSeconds(150), Map.of());
    }

    static ConsoleClient console() {
        return new ConsoleClient("http://127.0.0.1:" + WildFly.httpPort(NODE) + "/roger-console");
    }

    @BeforeAll
    static void boot() {
        for (User user : List.of(ADMIN, VIEWER)) {
            WildFly.addApplicationUser(NODE, user.name, user.password, user.group);
        }
        server = start("standalone.xml", P);
        console = console();
        app = new Http("http://127.0.0.1:" + WildFly.httpPort(NODE) + "/" + APP + "/jobs/");
        try (Broker broker = Broker.connect()) {
            Await.until("the node consumes " + P, WAIT, () -> broker.consumers(Names.mainQueue(P, "default")) == 1);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theConsoleDeploysBesideTheOneAdapterInstance() {
        List<String> log = server.logSinceBoot();
        assertEquals(1, log.stream().filter(l -> l.contains("Roger started on node")).count(), "adapter starts");
        assertTrue(log.stream().noneMatch(l -> l.contains("RaActivator")), "a second adapter instance was activated");
        assertTrue(log.stream().anyMatch(l -> l.contains("WFLYSRV0010") && l.contains("roger-console.war")),
                "roger-console.war deployed");
        // No MicroProfile Health API on standalone.xml: Weld skips the checks' class (at INFO), the
        // deployment goes on, and the server's own /health (management port) knows no Roger check.
        assertTrue(log.stream().anyMatch(l -> l.contains("WELD-000119") && l.contains("MicroProfileHealthChecks")),
                "Weld's note that it skipped MicroProfileHealthChecks");
        assertEquals(List.of(), log.stream().filter(l -> l.contains(" ERROR ")).toList(), "errors in server.log");
        Reply serverHealth = new Http("http://127.0.0.1:" + WildFly.managementPort(NODE) + "/").get("health");
        assertEquals(200, serverHealth.status(), serverHealth.toString());
        assertFalse(Pattern.compile("\"name\"\\s*:\\s*\"roger\"").matcher(serverHealth.body()).find(),
                serverHealth.toString());
    }

    @Test
    void readsNeedALoginWithEitherRole() {
        assertEquals(401, console.get(NONE, "/api/info").status());
        for (User user : List.of(VIEWER, ADMIN)) {
            Reply info = console.get(user, "/api/info");
            assertEquals(200, info.status(), user + ": " + info);
            assertTrue(info.body().contains("\"name\":\"" + WildFly.nodeName(NODE) + "\""), info.body());
            assertTrue(info.body().contains("\"partition\":\"" + P + "\""), info.body());
        }
        assertEquals(401, console.get(NONE, "/").status(), "the console's pages");
        Reply page = console.get(VIEWER, "/");
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.body().contains("<html"), page.body());
    }

    @Test
    void aPauseIsRefusedToAViewerAndDoneForAnAdmin() {
        String pause = "/api/partitions/" + P + "/queues/default/pause";
        String queue = Names.mainQueue(P, "default");
        try (Broker broker = Broker.connect()) {
            assertEquals(401, console.post(NONE, pause).status());
            Reply refused = console.post(VIEWER, pause);
            assertEquals(403, refused.status(), refused.toString());
            assertEquals(1, broker.consumers(queue), "the viewer's pause did nothing");
            try {
                Reply paused = console.post(ADMIN, pause);
                assertEquals(200, paused.status(), paused.toString());
                assertTrue(paused.body().contains(WildFly.nodeName(NODE)), "the node answered: " + paused);
                Await.until(queue + " has no consumer", WAIT, () -> broker.consumers(queue) == 0);
            } finally {
                Reply resumed = console.post(ADMIN, "/api/partitions/" + P + "/queues/default/resume");
                assertEquals(200, resumed.status(), resumed.toString());
            }
            Await.until(queue + " is consumed again", WAIT, () -> broker.consumers(queue) == 1);
        }
    }

    @Test
    void metricsCountTheJobsThatRanWithoutALogin() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            ids.add(app.ok("enqueue", "p", P, "type", "wf-echo", "arg", "m" + i));
        }
        for (String id : ids) {
            Await.until("after-run of " + id, WAIT, () -> app.ok("events", "id", id).contains("AfterRun"));
        }
        Await.until(JOBS + " jobs succeeded in " + P, WAIT, () -> succeeded(scrape()) == JOBS);
        String text = scrape();
        assertTrue(text.contains("# TYPE roger_jobs_succeeded_total counter"), text);
        assertTrue(text.contains("node=\"" + WildFly.nodeName(NODE) + "\""), text);
    }

    @Test
    void healthAnswersUpWithoutALogin() {
        Reply ready = console.get(NONE, "/health/ready");
        assertEquals(200, ready.status(), ready.toString());
        assertTrue(ready.body().startsWith("{\"status\":\"UP\""), ready.toString());
        for (String check : List.of("roger-broker", "roger-partitions", "roger-shutdown")) {
            assertTrue(ready.body().contains("{\"name\":\"" + check + "\",\"status\":\"UP\""), check + ": " + ready);
        }
        Reply live = console.get(NONE, "/health/live");
        assertEquals(200, live.status(), live.toString());
        assertTrue(live.body().startsWith("{\"status\":\"UP\""), live.toString());
    }

    private static String scrape() {
        Reply r = console.get(NONE, "/metrics");
        assertEquals(200, r.status(), r.toString());
        return r.body();
    }

    /** The sum of {@code roger_jobs_succeeded_total} over the series labelled with partition P. */
    private static double succeeded(String text) {
        return text.lines().filter(l -> l.startsWith("roger_jobs_succeeded_total{") && l.contains("partition=\"" + P + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
