package dev.roger.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Job;
import dev.roger.client.AmqpRogerClient;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.PayaraMicro;
import dev.roger.it.support.PayaraProcess;
import dev.roger.it.support.Postgres;
import dev.roger.testing.TestBroker;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stopping a node or undeploying the application under load loses nothing and buries nothing:
 * from the moment the shutdown begins no job starts, running jobs (which use an injected CDI
 * bean) finish within the grace, those that cannot are interrupted and put back, and another node
 * runs whatever was left. Each scenario uses its own partition and nodes; the jobs write their
 * runs into a PostgreSQL table of this test run.
 */
class ShutdownIT {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern BEGAN = Pattern.compile("shutdown began at (\\S+);");
    private static final Pattern BEAN_STOP = Pattern.compile("Roger stops running bean \\S+ShutdownJobBean: no job of it starts from (\\S+)");
    private static final Pattern DRAINED = Pattern.compile("Roger stopping (node|bean) \\S+: (\\d+) running jobs finished, (\\d+) put back");

    private static final Map<String, String> pidToNode = new java.util.concurrent.ConcurrentHashMap<>();
    private static final RunLog LOG = new RunLog("sd_runs_" + RUN, pid -> pidToNode.getOrDefault(pid, pid));
    private static final List<PayaraProcess> nodes = new ArrayList<>();
    private static final List<String> queues = new ArrayList<>();
    private static Path app;
    private static Path control;
    private static AmqpRogerClient client;

    @BeforeAll
    static void prepare() throws IOException {
        LOG.create();
        app = PayaraMicro.export(Deployments.war("shutdown", ShutdownJobBean.class, ShutdownProbe.class,
                        ClusterWork.class, ClusterServlet.class)
                .addClasses(NodeControlServlet.class, RunRecorder.class).addAsLibrary(Postgres.driverJar()));
        control = PayaraMicro.export(Deployments.war("sdctl", UndeployServlet.class));
        client = AmqpRogerClient.connect(TestBroker.uri());
        queues.addAll(List.of("sd_boot-default", "sd_boot-default.buried", "roger.owner.sd_boot"));
    }

    @AfterAll
    static void cleanUp() {
        nodes.forEach(PayaraProcess::close);
        if (client != null) {
            client.close();
        }
        try (Broker broker = Broker.connect()) {
            broker.delete(queues.toArray(String[]::new));
        }
        LOG.drop();
    }

    @Test
    void sigtermLetsRunningJobsFinishStartsNothingAfterAndLosesNothing() throws Exception {
        String p = partition("sd_term");
        PayaraProcess a = boot("term-a", Map.of(), app);
        start(a, p + "[default=4]");
        Set<String> ids = enqueue(p, 24, 1500);
        Await.until("4 jobs running on term-a", WAIT, () -> LOG.runs(ids).size() >= 4);

        assertTrue(a.terminate(Duration.ofSeconds(60)), "term-a exits after SIGTERM");
        Instant began = instant(a, BEGAN);
        int[] drained = drained(a);
        assertEquals(0, drained[1], "nothing had to be put back");
        assertTrue(drained[0] >= 4, "the running jobs finished: " + drained[0]);

        finishElsewhere("term-b", p, ids);
        assertStartedBefore("term-a", began, ids);
        assertEquals(0, buried(p), "nothing buried");
        List<RunLog.Run> onA = LOG.runs(ids).stream().filter(r -> r.node().equals("term-a")).toList();
        assertTrue(onA.stream().allMatch(r -> r.stop() > 0), "every job started on term-a finished there: " + onA);
    }

    @Test
    void jobsStillRunningWhenTheGraceEndsAreInterruptedAndPutBackNotBuried() throws Exception {
        String p = partition("sd_grace");
        PayaraProcess c = boot("grace-c", Map.of("shutdownGraceSeconds", "2"), app);
        start(c, p + "[default=2]");
        Set<String> ids = enqueue(p, 6, 8000);
        Await.until("2 jobs running on grace-c", WAIT, () -> LOG.runs(ids).size() >= 2);

        assertTrue(c.terminate(Duration.ofSeconds(60)), "grace-c exits after SIGTERM");
        Instant began = instant(c, BEGAN);
        long beganUs = ChronoUnit.MICROS.between(Instant.EPOCH, began);
        // The jobs running when the shutdown began: 8 s jobs cannot end within the 2 s grace.
        Set<String> running = LOG.runs(ids).stream()
                .filter(r -> r.node().equals("grace-c") && r.start() < beganUs && (r.stop() < 0 || r.stop() > beganUs))
                .map(RunLog.Run::jobId).collect(Collectors.toSet());
        assertEquals(2, running.size(), "two jobs were running when the shutdown began");
        assertEquals(2, drained(c)[1], "the two running jobs were put back");

        finishElsewhere("grace-d", p, ids, running);
        assertEquals(0, buried(p), "nothing buried");
        assertStartedBefore("grace-c", began, ids);
    }

    @Test
    void undeployingTheApplicationWhileTheAdapterStaysLosesNothing() throws Exception {
        String p = partition("sd_undep");
        // Jobs of a type no bean runs any more go back to the queue for this long instead of being buried.
        PayaraProcess e = boot("undep-e", Map.of("unknownTypeGraceSeconds", "600"), app, control);
        start(e, p + "[default=4]");
        Set<String> ids = enqueue(p, 16, 3000);
        // A run's start is seen at once (ShutdownJobBean): 4 jobs are running.
        Await.until("4 jobs running on undep-e", WAIT, () -> LOG.runs(ids).size() >= 4);

        String answer = get(e, "/sdctl/undeploy?app=shutdown");
        assertTrue(answer.startsWith("undeployed"), answer);
        Instant stopped = instant(e, BEAN_STOP);
        int[] drained = drained(e);
        // Payara rolls back the transactions of the bean's invocations in flight when it undeploys
        // it; Roger sees the rollback and puts those jobs back, so they count as put back here.
        assertTrue(drained[0] + drained[1] >= 1, "jobs were running when the undeploy began: " + drained[0]
                + " finished, " + drained[1] + " put back");

        finishElsewhere("undep-f", p, ids);
        assertStartedBefore("undep-e", stopped, ids);
        assertEquals(0, buried(p), "nothing buried");
    }

    private static String partition(String prefix) {
        String p = prefix + "_" + RUN;
        queues.addAll(List.of(p + "-default", p + "-default.buried", "roger.owner." + p));
        return p;
    }

    private static PayaraProcess boot(String name, Map<String, String> config, Path... wars) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(config);
        all.put("nodeName", name);
        PayaraProcess node = PayaraProcess.start("sd-" + name, TestBroker.uri(), all, wars);
        nodes.add(node);
        pidToNode.put(get(node, "/shutdown/control?op=pid"), name);
        return node;
    }

    private static void start(PayaraProcess node, String spec) {
        get(node, "/shutdown/control?op=start&spec=" + URLEncoder.encode(spec, StandardCharsets.UTF_8));
    }

    private static Set<String> enqueue(String p, int n, long millis) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(Job.builder("sd-work").args(new ClusterWork(LOG.table(), millis)).build());
        }
        return client.enqueueAll(p, jobs).stream().map(Job::id).collect(Collectors.toSet());
    }

    /** Boots another node for the partition and waits until every job has a finished run. */
    private static void finishElsewhere(String name, String p, Set<String> ids) throws IOException {
        finishElsewhere(name, p, ids, Set.of());
    }

    /**
     * Boots another node for the partition and waits until every job has a finished run, and
     * each of {@code rerun} a finished run on that node.
     */
    private static void finishElsewhere(String name, String p, Set<String> ids, Set<String> rerun) throws IOException {
        PayaraProcess other = boot(name, Map.of(), app);
        start(other, p + "[default=4]");
        try {
            Await.until("every job finished a run" + (rerun.isEmpty() ? "" : ", " + rerun + " on " + name), WAIT, () -> {
                List<RunLog.Run> runs = LOG.runs(ids);
                Set<String> done = runs.stream().filter(r -> r.stop() > 0).map(RunLog.Run::jobId)
                        .collect(Collectors.toSet());
                Set<String> there = runs.stream().filter(r -> r.stop() > 0 && r.node().equals(name))
                        .map(RunLog.Run::jobId).collect(Collectors.toSet());
                return done.containsAll(ids) && there.containsAll(rerun);
            });
        } catch (AssertionError e) {
            try (Broker broker = Broker.connect()) {
                throw new AssertionError(e.getMessage() + "; runs: " + LOG.runs(ids) + "; " + p + "-default has "
                        + broker.messages(p + "-default") + " messages, " + broker.consumers(p + "-default")
                        + " consumers; buried " + buried(p), e);
            }
        }
    }

    private static void assertStartedBefore(String node, Instant moment, Set<String> ids) {
        long limit = ChronoUnit.MICROS.between(Instant.EPOCH, moment);
        List<RunLog.Run> late = LOG.runs(ids).stream().filter(r -> r.node().equals(node) && r.start() > limit).toList();
        assertEquals(List.of(), late, "no job started on " + node + " after " + moment);
    }

    private static int buried(String p) {
        try (Broker broker = Broker.connect()) {
            return Math.max(0, broker.messages(p + "-default.buried"));
        }
    }

    private static Instant instant(PayaraProcess node, Pattern pattern) {
        return Instant.parse(last(node, pattern).group(1));
    }

    /** What the node's "N running jobs finished, M put back" lines add up to: {N, M}. */
    private static int[] drained(PayaraProcess node) {
        int[] sum = new int[2];
        Matcher m = DRAINED.matcher(node.log());
        boolean any = false;
        while (m.find()) {
            any = true;
            sum[0] += Integer.parseInt(m.group(2));
            sum[1] += Integer.parseInt(m.group(3));
        }
        assertTrue(any, "the node logged what its shutdown did");
        return sum;
    }

    private static Matcher last(PayaraProcess node, Pattern pattern) {
        Matcher m = pattern.matcher(node.log());
        Matcher found = null;
        while (m.find()) {
            found = pattern.matcher(m.group());
            found.find();
        }
        if (found == null) {
            throw new AssertionError("the node's log has no line matching " + pattern);
        }
        return found;
    }

    private static String get(PayaraProcess node, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
