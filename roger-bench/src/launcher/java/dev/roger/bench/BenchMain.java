package dev.roger.bench;

import dev.roger.api.RogerException;
import dev.roger.bench.app.BenchJobs;
import dev.roger.bench.app.OutboxServlet;
import dev.roger.bench.broker.Broker;
import dev.roger.bench.broker.RabbitmqCtl;
import dev.roger.bench.cases.BenchContext;
import dev.roger.bench.cases.ClassicTenantsCase;
import dev.roger.bench.cases.FairnessCase;
import dev.roger.bench.cases.LatencyCase;
import dev.roger.bench.cases.LimitCase;
import dev.roger.bench.cases.MemoryCase;
import dev.roger.bench.cases.ObservabilityCase;
import dev.roger.bench.cases.OutboxCase;
import dev.roger.bench.cases.PeerCase;
import dev.roger.bench.cases.ScheduledCase;
import dev.roger.bench.cases.TenantsCase;
import dev.roger.bench.cases.ThroughputCase;
import dev.roger.bench.load.BenchJobsFactory;
import dev.roger.bench.node.PayaraNode;
import dev.roger.bench.peers.ChildProcesses;
import dev.roger.bench.peers.PerfTestRunner;
import dev.roger.bench.peers.PostgresDatabase;
import dev.roger.bench.report.Field;
import dev.roger.bench.report.Results;
import dev.roger.bench.report.ResultTable;
import dev.roger.bench.report.ResultsFile;
import dev.roger.client.AmqpRogerClient;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs Roger's benchmark (issue 3) from the command line: every case in one run on this machine,
 * each repeated per the mode, then prints the table of medians and goals and writes
 * {@code bench/results/<date>-<mode>.json}. A case that breaks is reported and the others still
 * run; the exit code is 0 only when every case ran (the goals do not affect it), so {@code --smoke}
 * serves CI as an end-to-end check.
 *
 * <p>Run it through Maven, which builds and copies what it needs:
 * {@code mvn -q -pl roger-bench -am package -Pbench -DskipTests -Dbench.args=--quick}.
 */
public final class BenchMain {

    private static final System.Logger LOG = System.getLogger(BenchMain.class.getName());

    /** What a case does; it may throw anything, which marks it broken. */
    @FunctionalInterface
    private interface CaseBody {
        void run() throws Exception;
    }

    private final BenchConfig config;
    private final BenchArgs args;
    private final BenchMode mode;
    private final PrintStream out;
    private final java.util.Set<PayaraNode> liveNodes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private BenchMain(BenchConfig config, BenchArgs args, PrintStream out) {
        this.config = config;
        this.args = args;
        this.mode = args.mode();
        this.out = out;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = new BenchMain(BenchConfig.fromSystemProperties(), BenchArgs.parse(args), System.out).run();
        } catch (BenchFailure e) {
            System.out.println();
            System.out.println("BENCH FAILED: " + e.getMessage());
            code = 1;
        } catch (InterruptedException e) {
            System.out.println("BENCH INTERRUPTED");
            code = 130;
        }
        System.exit(code);
    }

    private int run() throws InterruptedException {
        String runId = runId();
        out.printf("Roger benchmark, %s mode%s: broker %s, PostgreSQL %s, files in %s (run %s)%n", mode.name(),
                args.cases().isEmpty() ? "" : ", cases " + args.cases(), config.redactedUri(), config.postgresUrl(),
                config.dir(), runId);
        RabbitmqCtl ctl = new RabbitmqCtl();
        try (Broker broker = Broker.connect(config.amqpUri());
             AmqpRogerClient roger = connectClient()) {
            Thread hook = new Thread(() -> emergencyStop(broker, ctl), "bench-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);
            Results results = new Results(mode, LocalDate.now(), machine(), config.versions());
            results.version("rabbitmq", broker.version());
            results.note("Broker: " + config.redactedUri());
            BenchContext ctx = new BenchContext(config, mode, runId, broker, ctl, brokerPid(ctl, results), roger,
                    new PerfTestRunner(config, broker), results);
            // A run that was killed may have left queues behind; they would hold old jobs.
            sweepQueues(broker, ctl, results);
            try {
                runCases(ctx);
            } finally {
                sweepQueues(broker, ctl, results);
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            ResultTable.print(results, out);
            // A run of some cases only is named for them, so it never passes for (or replaces) a whole run's file.
            Path file = ResultsFile.write(results, config.resultsDir(), args.cases().isEmpty() ? ""
                    : "-case" + args.cases().stream().map(String::valueOf).collect(Collectors.joining("-")));
            out.println();
            out.println("Results: " + file);
            return verdict(results);
        }
    }

    private void runCases(BenchContext ctx) throws InterruptedException {
        Results results = ctx.results();
        int messageBytes = BenchJobsFactory.noopMessageBytes(ThroughputCase.samplePartition(ctx).length());
        runCase(results, 1, "limit", "1 limit: PerfTest", () -> new LimitCase(ctx, messageBytes).run());
        runCase(results, 4, "peer", "4 peer: JobRunr", () -> new PeerCase(ctx,
                new PostgresDatabase(config.postgresUrl(), config.postgresUser())).run());

        // With the console, which case 7 times with its tenants.
        PayaraNode main = args.runsAny(2, 3, 5, 7, 9) ? startNode(ctx, "main", Map.of(), true,
                new String[] {"memory", "throughput", "latency", "scheduled", "tenants"}) : null;
        if (main != null) {
            try {
                runCase(results, 5, "memory", "5 memory", () -> new MemoryCase(ctx, main).idle());
                runCase(results, 2, "throughput", "2 Roger throughput", () -> new ThroughputCase(ctx, main).run());
                if (results.cases().get("throughput") != null && !results.cases().get("throughput").ok()) {
                    // The peak under load comes from case 2: without it case 5 is only half done.
                    results.caseFailed("memory", "5 memory", "its load half is sampled during case 2, which broke");
                }
                runCase(results, 3, "latency", "3 latency", () -> new LatencyCase(ctx, main, messageBytes).run());
                runCase(results, 9, "scheduled", "9 scheduled jobs", () -> new ScheduledCase(ctx, main).run());
                runCase(results, 7, "tenants", "7 many tenants", () -> runTenants(ctx, main));
            } finally {
                stopNode(main, ctx);
            }
        }
        // Its own node: the cap applies node-wide and would throttle the other cases.
        PayaraNode fair = args.runs(6) ? startNode(ctx, "fair",
                Map.of("maxConcurrentJobs", Integer.toString(FairnessCase.CAP)), new String[] {"fairness"}) : null;
        if (fair != null) {
            try {
                runCase(results, 6, "fairness", "6 fairness", () -> new FairnessCase(ctx, fair).run());
            } finally {
                stopNode(fair, ctx);
            }
        }
        // Its own node, with classic main queues: ten thousand quorum queues would not fit the broker.
        PayaraNode classic = args.runs(11) ? startNode(ctx, "classic", ClassicTenantsCase.NODE,
                new String[] {"classic_tenants"}) : null;
        if (classic != null) {
            try {
                runCase(results, 11, "classic_tenants", "11 ten thousand tenants",
                        () -> new ClassicTenantsCase(ctx, classic).run());
            } finally {
                stopNode(classic, ctx);
            }
        }
        if (args.runs(8)) {
            runObservability(ctx);
        }
        if (args.runs(10)) {
            runOutbox(ctx);
        }
        results.derive(Field.THROUGHPUT_RATIO, results.ratio(
                Field.ROGER_JOBS_PER_S, Field.PERFTEST_MSGS_PER_S));
        results.derive(Field.THROUGHPUT_RATIO_100W, results.ratio(
                Field.ROGER_JOBS_PER_S_100W, Field.PERFTEST_MSGS_PER_S_100W));
        results.derive(Field.JOBRUNR_RATIO, results.ratio(
                Field.ROGER_JOBS_PER_S, Field.JOBRUNR_JOBS_PER_S));
        Double idle = results.get(Field.TENANTS_IDLE_CPU_PCT);
        Double idleBefore = results.get(Field.TENANTS_BASELINE_CPU_PCT);
        results.derive(Field.TENANTS_IDLE_CPU_OVER_BASELINE, idle == null || idleBefore == null ? null : idle - idleBefore);
        results.derive(Field.FAIRNESS_RATIO, results.ratio(
                Field.FAIRNESS_P99_FLOOD_MS, Field.FAIRNESS_P99_ALONE_MS));
    }

    /** Case 8 on two new nodes of its own, started at once: one with Roger's defaults, one without metrics and tracing. */
    private void runObservability(BenchContext ctx) throws InterruptedException {
        String[] cases = {"observability"};
        java.util.concurrent.CompletableFuture<PayaraNode> offStart = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return startNode(ctx, "obs-off", ObservabilityCase.OFF, cases);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        });
        PayaraNode on = startNode(ctx, "obs-on", Map.of(), cases);
        PayaraNode off = offStart.join();
        try {
            if (on != null && off != null) {
                runCase(ctx.results(), 8, "observability", "8 metrics and tracing cost",
                        () -> new ObservabilityCase(ctx, on, off).run());
            }
        } finally {
            for (PayaraNode node : new PayaraNode[] {on, off}) {
                if (node != null) {
                    stopNode(node, ctx);
                }
            }
        }
    }

    /**
     * Case 10 on a node of its own, the only one with the adapter's {@code outboxDataSource}: its
     * relay queries the database every 200 ms, which on node {@code main} would weigh on the other
     * cases (case 7 measures the idle CPU). The database is the case's own, made new and dropped
     * with the node, so no outbox row of it outlives the run.
     */
    private void runOutbox(BenchContext ctx) throws InterruptedException {
        String key = "outbox";
        String label = "10 outbox vs enqueue";
        PostgresDatabase database = new PostgresDatabase(config.postgresUrl(), config.postgresUser(),
                PostgresDatabase.NAME + "_outbox");
        try {
            database.recreate();
        } catch (BenchFailure e) {
            fail(ctx.results(), key, label, e.getMessage(), e);
            return;
        }
        try {
            List<String> jvm = new java.util.ArrayList<>(mode.nodeJvmOptions());
            // OutboxServlet's @DataSourceDefinition names these; Payara expands them at deployment.
            jvm.add("-Dbench.outbox.url=" + database.url());
            jvm.add("-Dbench.outbox.user=" + database.user());
            PayaraNode node = startNode(ctx, key, Map.of("outboxDataSource", OutboxServlet.DATA_SOURCE), false,
                    new String[] {key}, jvm);
            if (node != null) {
                try {
                    runCase(ctx.results(), 10, key, label, () -> new OutboxCase(ctx, node, database).run());
                } finally {
                    stopNode(node, ctx);
                }
            }
        } finally {
            try {
                database.drop();
            } catch (BenchFailure e) {
                ctx.results().note("Could not drop case 10's database: " + e.getMessage());
            }
        }
        ctx.results().derive(Field.OUTBOX_RATIO, ctx.results().ratio(
                Field.OUTBOX_JOBS_PER_S, Field.OUTBOX_AFTER_COMMIT_JOBS_PER_S));
    }

    /** Runs case {@code number} unless the command line names other cases. */
    private void runCase(Results results, int number, String key, String label, CaseBody body)
            throws InterruptedException {
        if (!args.runs(number)) {
            return;
        }
        LOG.log(Level.INFO, "Case {0} ...", label);
        long start = System.nanoTime();
        try {
            body.run();
            results.caseRan(key, label);
            LOG.log(Level.INFO, "Case {0} done in {1} s", label, Duration.ofNanos(System.nanoTime() - start).toSeconds());
        } catch (InterruptedException e) {
            throw e;
        } catch (BenchFailure e) {
            fail(results, key, label, e.getMessage(), e);
        } catch (Exception e) {
            // Not a failure the launcher foresaw: name its type, the message alone may be empty.
            fail(results, key, label, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static void fail(Results results, String key, String label, String message, Exception e) {
        results.caseFailed(key, label, message);
        LOG.log(Level.WARNING, "Case {0} broke: {1}", label, message);
        LOG.log(Level.DEBUG, "Case " + label + " broke", e);
    }

    /**
     * Case 7 with a second node in the main node's cluster, on which it starts the tenants too to
     * time info() across two nodes. Stopped without the sweep: the main node's queues stay for it.
     */
    private void runTenants(BenchContext ctx, PayaraNode main) throws InterruptedException {
        LOG.log(Level.INFO, "Starting Payara Micro node second ...");
        PayaraNode second = PayaraNode.start(config, "second", Map.of(), ctx.ctl(), false, mode.nodeJvmOptions());
        liveNodes.add(second);
        try {
            new TenantsCase(ctx, main, second).run();
        } finally {
            second.close();
            liveNodes.remove(second);
        }
    }

    /** Starts a node, or marks the cases that need it broken and returns null. */
    private PayaraNode startNode(BenchContext ctx, String name, Map<String, String> adapterProperties, String[] cases)
            throws InterruptedException {
        return startNode(ctx, name, adapterProperties, false, cases);
    }

    private PayaraNode startNode(BenchContext ctx, String name, Map<String, String> adapterProperties,
                                 boolean withConsole, String[] cases) throws InterruptedException {
        return startNode(ctx, name, adapterProperties, withConsole, cases, mode.nodeJvmOptions());
    }

    private PayaraNode startNode(BenchContext ctx, String name, Map<String, String> adapterProperties,
                                 boolean withConsole, String[] cases, List<String> jvmOptions)
            throws InterruptedException {
        Results results = ctx.results();
        LOG.log(Level.INFO, "Starting Payara Micro node {0} ...", name);
        try {
            PayaraNode node = PayaraNode.start(config, name, adapterProperties, ctx.ctl(), withConsole, jvmOptions);
            liveNodes.add(node);
            return node;
        } catch (BenchFailure e) {
            for (String key : cases) {
                results.caseFailed(key, key, "node " + name + " did not start: " + e.getMessage());
            }
            LOG.log(Level.WARNING, "Node {0} did not start: {1}", name, e.getMessage());
            return null;
        }
    }

    /**
     * Stops a node, then sweeps the queues its cases may have left (a case that broke leaves them to
     * this): the next node must not meet a broker still holding them.
     */
    private void stopNode(PayaraNode node, BenchContext ctx) throws InterruptedException {
        node.close();
        liveNodes.remove(node);
        sweepQueues(ctx.broker(), ctx.ctl(), ctx.results());
    }

    /** The broker's process id for CPU readings, and its file-descriptor budget as a note; 0 if rabbitmqctl cannot tell. */
    private static long brokerPid(RabbitmqCtl ctl, Results results) {
        try {
            RabbitmqCtl.Status s = ctl.status();
            results.note(String.format("RabbitMQ's file descriptors at the start: %d used of %d (3 per quorum queue)",
                    s.fdUsed(), s.fdLimit()));
            return s.pid();
        } catch (BenchFailure e) {
            results.note("rabbitmqctl status failed, so no broker CPU figures: " + e.getMessage());
            return 0;
        }
    }

    private AmqpRogerClient connectClient() {
        try {
            return AmqpRogerClient.connect(config.amqpUri());
        } catch (RogerException e) {
            throw new BenchFailure("The Roger client cannot connect: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes every queue of the benchmark's partitions: their own (named with its prefix) and the
     * state owners' ({@code roger.owner.<partition>}); a failure is a note, the run goes on.
     */
    private static void sweepQueues(Broker broker, RabbitmqCtl ctl, Results results) {
        try {
            broker.deleteQueues(benchQueues(ctl));
        } catch (BenchFailure e) {
            results.note("Could not sweep the benchmark's queues: " + e.getMessage());
        }
    }

    private static java.util.List<String> benchQueues(RabbitmqCtl ctl) {
        java.util.List<String> names = new java.util.ArrayList<>();
        ctl.queues(BenchJobs.PREFIX).forEach(q -> names.add(q.name()));
        ctl.queues("roger.owner." + BenchJobs.PREFIX).forEach(q -> names.add(q.name()));
        return names;
    }

    /** On Ctrl-C: no node or child JVM may outlive the launcher, and no queue should either. */
    private void emergencyStop(Broker broker, RabbitmqCtl ctl) {
        ChildProcesses.killAll();
        for (PayaraNode node : List.copyOf(liveNodes)) {
            liveNodes.remove(node);
            try {
                node.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            broker.deleteQueues(benchQueues(ctl));
        } catch (RuntimeException e) {
            // Shutting down: the next run sweeps what is left.
        }
    }

    private int verdict(Results results) {
        if (results.allCasesRan()) {
            out.println("OK: every case ran.");
            return 0;
        }
        out.println("BENCH FAILED: some cases broke:");
        results.cases().forEach((key, s) -> {
            if (!s.ok()) {
                out.println("  - " + s.label() + ": " + s.error());
            }
        });
        return 1;
    }

    private static String runId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static Results.Machine machine() {
        long memoryMb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memoryMb = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(Level.DEBUG, "no /proc/meminfo: {0}", e.getMessage());
        }
        return new Results.Machine(Runtime.getRuntime().availableProcessors(), memoryMb);
    }
}
