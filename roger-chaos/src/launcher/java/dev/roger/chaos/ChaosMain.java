package dev.roger.chaos;

import dev.roger.chaos.app.ChaosJobs;
import dev.roger.chaos.broker.BrokerSet;
import dev.roger.chaos.broker.RabbitNode;
import dev.roger.chaos.db.ExecutionsDb;
import dev.roger.chaos.fault.BrokerAppRestart;
import dev.roger.chaos.fault.BrokerNodeKill;
import dev.roger.chaos.fault.CloseAllConnections;
import dev.roger.chaos.fault.Fault;
import dev.roger.chaos.fault.NodeKill;
import dev.roger.chaos.fault.NodeTerminate;
import dev.roger.chaos.node.ChaosNode;
import dev.roger.chaos.report.PhaseResult;
import dev.roger.chaos.report.ResultsFile;
import dev.roger.chaos.report.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the chaos suite: two phases, each with Payara Micro nodes consuming jobs a Java SE producer
 * sends, while faults strike, and a check in PostgreSQL that every confirmed job ran.
 * <ul>
 *   <li><b>nodes</b>: one broker of the suite's own (rogerchaos@localhost, AMQP 5711), three nodes;
 *   faults {@code close_all_connections}, {@code stop_app}/{@code start_app}, {@code kill -9} of a
 *   node and its restart, SIGTERM of a node and its restart;</li>
 *   <li><b>cluster</b>: a three-node RabbitMQ cluster (rogerc1..3@localhost, AMQP 5721..5723), two
 *   nodes connected to all members; fault: {@code kill -9} of the member leading a partition's
 *   quorum queue, and its restart.</li>
 * </ul>
 * Prints confirmed / executed / lost / duplicated / executed-unconfirmed and the buried count per
 * phase, writes them to {@code <chaos.dir>/chaos-results-<mode>.json}, and exits 1 when a phase
 * lost or buried a job, 2 when a phase could not run (the figures then prove nothing).
 *
 * <p>Run it through Maven: {@code mvn -q -pl roger-chaos -am package -Pchaos -DskipTests
 * -Dchaos.args=--short}. The machine's own broker on 5672 is never touched.
 */
public final class ChaosMain {

    private static final RabbitNode SINGLE = new RabbitNode("rogerchaos", 5711, 25711);
    private static final List<RabbitNode> CLUSTER = List.of(new RabbitNode("rogerc1", 5721, 25721),
            new RabbitNode("rogerc2", 5722, 25722), new RabbitNode("rogerc3", 5723, 25723));

    private final ChaosArgs args;
    private final Path dir;
    private final PrintStream out;
    private final List<ChaosNode> running = new CopyOnWriteArrayList<>();
    private final List<BrokerSet> brokers = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> stopping = CompletableFuture.completedFuture(null);
    private volatile CompletableFuture<BrokerSet> forming;

    private ChaosMain(ChaosArgs args, Path dir, PrintStream out) {
        this.args = args;
        this.dir = dir;
        this.out = out;
    }

    public static void main(String[] argv) {
        int code;
        try {
            ChaosArgs args = ChaosArgs.parse(argv);
            Path dir = Path.of(System.getProperty("chaos.dir", "target/chaos")).toAbsolutePath();
            code = new ChaosMain(args, dir, System.out).run();
        } catch (IllegalArgumentException e) {
            System.out.println("CHAOS SUITE: " + e.getMessage());
            code = 2;
        } catch (ChaosFailure e) {
            System.out.println("CHAOS SUITE COULD NOT RUN: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    private int run() {
        Thread cleanup = new Thread(this::stopEverything, "chaos-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        ChaosMode mode = args.mode();
        out.printf("Roger chaos suite, %s: %,d jobs per phase, each fault %d time(s); phases %s; logs in %s%n",
                mode.name(), mode.jobs(), mode.rounds(), args.phases(), dir);
        // The cluster forms in the background while the first phase runs: its nodes mostly wait.
        CompletableFuture<BrokerSet> cluster = args.runs(ChaosArgs.CLUSTER)
                ? CompletableFuture.supplyAsync(() -> track(BrokerSet.cluster(CLUSTER))) : null;
        forming = cluster;
        ExecutionsDb db = ExecutionsDb.createFresh(System.getProperty("chaos.postgres.url", "jdbc:postgresql://127.0.0.1:5432/"),
                System.getProperty("chaos.postgres.user", "postgres"), "roger_chaos");
        List<ChaosNode> clusterNodes = cluster == null ? List.of()
                : nodes(List.of("x", "y"), BrokerSet.amqpUri(CLUSTER), db);
        // The cluster phase's nodes boot while the first phase's last jobs go through, if the
        // cluster is formed by then (its queues must be declared with every member present).
        Runnable bootClusterNodes = () -> {
            if (cluster != null && cluster.isDone() && !cluster.isCompletedExceptionally()) {
                out.println("[cluster] starting its Payara Micro nodes early ...");
                clusterNodes.forEach(ChaosNode::start);
            }
        };
        List<PhaseResult> results = new ArrayList<>();
        if (args.runs(ChaosArgs.NODES)) {
            results.add(nodesPhase(db, mode, bootClusterNodes));
        }
        if (cluster != null) {
            results.add(clusterPhase(cluster, clusterNodes, db, mode));
        }
        boolean passed = results.stream().allMatch(PhaseResult::passed);
        results.forEach(r -> Summary.print(r, out));
        Path file = dir.resolve("chaos-results-" + mode.name() + ".json");
        try {
            ResultsFile.write(file, mode.name(), startedAt, (System.nanoTime() - start) / 1e9, results, passed);
            out.println();
            out.println("Results: " + file + "; executions in PostgreSQL database roger_chaos, table "
                    + ChaosJobs.TABLE + "; node logs in " + dir);
        } catch (IOException e) {
            out.println("Warning: cannot write " + file + ": " + e.getMessage());
        }
        stopEverything();
        Runtime.getRuntime().removeShutdownHook(cleanup);
        out.printf("CHAOS SUITE %s in %.0f s%n", passed ? "PASSED" : "FAILED", (System.nanoTime() - start) / 1e9);
        if (results.stream().anyMatch(r -> r.failure() != null)) {
            return 2;
        }
        return passed ? 0 : 1;
    }

    private PhaseResult nodesPhase(ExecutionsDb db, ChaosMode mode, Runnable afterFaults) {
        out.println("[nodes] starting RabbitMQ " + SINGLE + " ...");
        BrokerSet broker;
        try {
            broker = track(BrokerSet.single(SINGLE));
        } catch (ChaosFailure e) {
            return failed(ChaosArgs.NODES, e);
        }
        out.println("[nodes] RabbitMQ " + SINGLE.ctl("version").strip() + " runs");
        List<ChaosNode> nodes = nodes(List.of("a", "b", "c"), broker.amqpUri(), db);
        PhaseResult result = new PhaseRun(ChaosArgs.NODES, broker, nodes, db, mode, out).run(() -> {
            List<Fault> faults = new ArrayList<>();
            for (int round = 0; round < mode.rounds(); round++) {
                faults.add(new CloseAllConnections(broker));
                faults.add(new BrokerAppRestart(SINGLE, ChaosMode.BROKER_DOWN));
                faults.add(new NodeKill(nodes.get((1 + round) % nodes.size())));
                faults.add(new NodeTerminate(nodes.get((2 + round) % nodes.size()), ChaosMode.TERM_GRACE));
            }
            return faults;
        }, afterFaults);
        // In the background: the next phase need not wait for these nodes and this broker to stop.
        stopping = CompletableFuture.runAsync(() -> stop(nodes, broker));
        return result;
    }

    private PhaseResult clusterPhase(CompletableFuture<BrokerSet> future, List<ChaosNode> nodes, ExecutionsDb db,
                                     ChaosMode mode) {
        out.println("[cluster] waiting for the RabbitMQ cluster " + CLUSTER + " ...");
        BrokerSet cluster;
        try {
            cluster = future.get();
            out.println("[cluster] running members: " + cluster.runningMembers());
        } catch (ExecutionException e) {
            return failed(ChaosArgs.CLUSTER, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(ChaosArgs.CLUSTER, e);
        }
        PhaseResult result = new PhaseRun(ChaosArgs.CLUSTER, cluster, nodes, db, mode, out).run(() -> {
            List<Fault> faults = new ArrayList<>();
            for (int round = 0; round < mode.rounds(); round++) {
                String queue = ChaosJobs.QUEUES.get(round % ChaosJobs.QUEUES.size());
                faults.add(new BrokerNodeKill(cluster, nodes.size(), queue, ChaosMode.BROKER_DOWN));
            }
            return faults;
        }, () -> { });
        stop(nodes, cluster);
        return result;
    }

    private List<ChaosNode> nodes(List<String> names, String amqpUri, ExecutionsDb db) {
        List<ChaosNode> nodes = names.stream().map(n -> new ChaosNode(n, dir, amqpUri, db.url())).toList();
        running.addAll(nodes);
        return nodes;
    }

    private BrokerSet track(BrokerSet set) {
        brokers.add(set);
        return set;
    }

    private PhaseResult failed(String phase, Throwable e) {
        out.println("[" + phase + "] FAILED: " + e.getMessage());
        return PhaseResult.notRun(phase, String.valueOf(e.getMessage()));
    }

    /** Stops a phase's nodes first (or they would reconnect and redeclare), then its brokers. */
    private void stop(List<ChaosNode> nodes, BrokerSet brokerSet) {
        nodes.parallelStream().forEach(ChaosNode::stop);
        running.removeAll(nodes);
        brokerSet.stop();
        brokers.remove(brokerSet);
    }

    private void stopEverything() {
        try {
            stopping.join();
        } catch (RuntimeException e) {
            out.println("Warning: stopping the first phase's nodes and broker failed: " + e.getMessage());
        }
        if (forming != null) {
            // A run ending early (no database, Ctrl-C) must not leave a cluster forming behind it.
            try {
                forming.get(3, TimeUnit.MINUTES);
            } catch (ExecutionException | TimeoutException e) {
                // It did not form (and stopped what it had started) or is stuck: nothing tracked to stop.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.parallelStream().forEach(ChaosNode::stop);
        running.clear();
        brokers.forEach(BrokerSet::stop);
        brokers.clear();
    }
}
