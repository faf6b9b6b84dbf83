package dev.roger.bench.cases;

import dev.roger.api.Names;
import dev.roger.api.PartitionSpec;
import dev.roger.bench.BenchFailure;
import dev.roger.bench.app.BenchJobs;
import dev.roger.bench.broker.Broker;
import dev.roger.bench.broker.RabbitmqCtl;
import dev.roger.bench.node.PayaraNode;
import dev.roger.bench.report.Field;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Case 7, many tenants on one node: a thousand partitions of two queues each, started at runtime
 * through the application's {@code RogerClient}. Measured: the time until the broker lists a
 * consumer on every one of the queues, the connections and channels the node then holds, its CPU
 * while all of them sit idle, and its heap (after a full collection) before and after
 * ({@link TenantsRun}); with them up, {@code RogerAdmin.info()} and the console; then, with the
 * same partitions started on a second node of the cluster too, {@code RogerAdmin.info()} again.
 *
 * <p>Two thousand quorum queues need six thousand of the broker's file descriptors (three each),
 * and a broker past its limit accepts no new connection at all, from Roger or anyone else. So the
 * case first checks the broker's budget and refuses to start, saying how to raise it, rather than
 * wedge a shared broker.
 */
public final class TenantsCase {

    private static final System.Logger LOG = System.getLogger(TenantsCase.class.getName());
    /** RabbitMQ 3.10 reserves this many file descriptors per quorum queue (measured: 100 queues, +300). */
    static final int FDS_PER_QUORUM_QUEUE = 3;
    /** Descriptors left for connections: the node's extra ones, the launcher's, other clients'. */
    private static final int FD_HEADROOM = 100;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    /** Each tenant queue's workers (its consumer's prefetch). */
    private static final int WORKERS = 1;

    private final BenchContext ctx;
    private final PayaraNode node;
    private final PayaraNode second;

    /** @param second another node of {@code node}'s cluster, with no tenants until info is timed on both */
    public TenantsCase(BenchContext ctx, PayaraNode node, PayaraNode second) {
        this.ctx = ctx;
        this.node = node;
        this.second = second;
    }

    public void run() throws InterruptedException {
        requireFileDescriptors(2 * ctx.mode().tenants());
        TenantsRun tenants = new TenantsRun(ctx, node, "Case 7", TenantFields.CASE_7, READY_TIMEOUT);
        // What the node burns idle without the tenants (Payara's own timers, Roger's reconcile): the tenants' share is the rest.
        ctx.results().add(Field.TENANTS_BASELINE_CPU_PCT, tenants.idleCpuPercent());
        for (int rep = 0; rep < ctx.mode().repetitions(); rep++) {
            String prefix = BenchJobs.PREFIX + "t" + ctx.runId() + rep + "-";
            List<PartitionSpec> specs = new ArrayList<>();
            for (int i = 0; i < ctx.mode().tenants(); i++) {
                specs.add(PartitionSpec.of(prefix + i).withQueue(Names.DEFAULT_QUEUE, WORKERS).withQueue("other", WORKERS));
            }
            requireFileDescriptors(2 * specs.size());
            int r = rep;
            if (tenants.run(rep, prefix, specs, () -> {
                measureInfo(r, specs, 1, Field.TENANTS_INFO_MS);
                measureInfoBaseline(r, specs);
                measureConsole(r);
                measureInfoOnTwoNodes(tenants, r, prefix, specs);
            })) {
                measureDeclareBaselines(rep, specs);
            }
        }
    }

    /**
     * The references for the ready time, once the tenants are gone: the broker alone creating as
     * many plain quorum queues as the tenants have; creating what their start creates, an owner
     * queue per partition (durable, classic, single active consumer) and the quorum main queues
     * with the arguments Roger declares them with (a dead-letter target, at least once, which gives
     * each queue a dead-letter worker on the broker); and those with the consumers the start
     * registers on them.
     */
    private void measureDeclareBaselines(int rep, List<PartitionSpec> specs) {
        String name = BenchJobs.PREFIX + "tdecl" + ctx.runId() + rep + "-";
        java.util.Map<String, java.util.Map<String, Object>> plain = new java.util.LinkedHashMap<>();
        java.util.Map<String, java.util.Map<String, Object>> asStarted = new java.util.LinkedHashMap<>();
        java.util.Map<String, Object> mainArguments = dev.roger.client.amqp.QueueDeclarer.mainArguments(
                dev.roger.client.amqp.QueueType.QUORUM, dev.roger.client.amqp.BrokerNames.DEFAULT);
        for (int i = 0; i < specs.size(); i++) {
            asStarted.put(name + i + "-owner", java.util.Map.of("x-single-active-consumer", true));
            for (String queue : specs.get(i).queues().keySet()) {
                plain.put(name + i + "-" + queue, java.util.Map.of("x-queue-type", "quorum"));
                asStarted.put(name + i + "-" + queue, mainArguments);
            }
        }
        BrokerReferences references = new BrokerReferences(ctx, "Case 7", rep);
        references.declares("quorum queues", plain, Field.TENANTS_DECLARE_BASELINE_S,
                Field.TENANTS_DECLARE_BASELINE_CPU_S);
        references.declares("owner and main queues as Roger declares them", asStarted,
                Field.TENANTS_DECLARE_STARTED_S, Field.TENANTS_DECLARE_STARTED_CPU_S);
        references.startWork("those declared and consumed as the start does", asStarted, mainQueues(asStarted),
                WORKERS, Field.TENANTS_START_WORK_S, Field.TENANTS_START_WORK_CPU_S);
    }

    /** The queues of a reference that are not owner queues. */
    static java.util.Set<String> mainQueues(java.util.Map<String, ?> queues) {
        java.util.Set<String> mains = new java.util.HashSet<>(queues.keySet());
        mains.removeIf(q -> q.endsWith("-owner"));
        return mains;
    }

    /**
     * How long {@code RogerAdmin.info()} takes with the tenants running on {@code nodes} nodes (the
     * median of 3 calls); fails unless that many nodes list every one of them.
     */
    private void measureInfo(int rep, List<PartitionSpec> specs, int nodes, Field field) {
        List<Long> millis = new ArrayList<>();
        long listing = 0;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            dev.roger.api.admin.ClusterInfo info = ctx.roger().admin().info();
            millis.add((System.nanoTime() - start) / 1_000_000);
            listing = info.nodes().stream().filter(n -> n.partitions().size() >= specs.size()).count();
        }
        if (listing < nodes) {
            throw new BenchFailure("RogerAdmin.info() listed all " + specs.size() + " partitions on " + listing
                    + " node(s), not on the " + nodes + " that run them");
        }
        java.util.Collections.sort(millis);
        ctx.results().add(field, millis.get(1));
        LOG.log(Level.INFO, "Case 7, run {0}: info() with {1} partitions on {2} node(s) took {3} ms (median of 3: {4})",
                rep + 1, specs.size(), nodes, millis.get(1), millis);
    }

    /**
     * The baseline for info from the same moment: a passive declare of each of the tenants' queues,
     * one after another, which is what reading their counts costs at least (Info also reads their
     * buried queues, most of which do not exist).
     */
    private void measureInfoBaseline(int rep, List<PartitionSpec> specs) {
        List<String> mainQueues = Partitions.mainQueues(specs);
        long baselineMillis = ctx.broker().timePassiveDeclares(mainQueues) / 1_000_000;
        ctx.results().add(Field.TENANTS_INFO_BASELINE_MS, baselineMillis);
        LOG.log(Level.INFO, "Case 7, run {0}: passive declares of their {1} queues {2} ms", rep + 1,
                mainQueues.size(), baselineMillis);
    }

    /**
     * Info as the issue asks for it, with the tenants on two nodes: starts them on the second node
     * too, times info, and stops them there again.
     */
    private void measureInfoOnTwoNodes(TenantsRun tenants, int rep, String prefix, List<PartitionSpec> specs)
            throws InterruptedException {
        double seconds = tenants.startAlsoOn(second, prefix, specs);
        try {
            LOG.log(Level.INFO, "Case 7, run {0}: the tenants also run on node second after {1} s", rep + 1,
                    String.format("%.1f", seconds));
            measureInfo(rep, specs, 2, Field.TENANTS_INFO_TWO_NODES_MS);
        } finally {
            TenantsRun.stopOn(second, specs);
        }
    }

    /**
     * What an operator waits for with the tenants running: the console's {@code GET /api/info}
     * over HTTP and its overview page in a browser (each the median of 3), when the node has the
     * console; the browser only where Chromium and its driver are installed.
     */
    private void measureConsole(int rep) {
        if (node.console().isEmpty()) {
            return;
        }
        try (ConsoleLoad console = new ConsoleLoad(node.console().get())) {
            List<ConsoleLoad.InfoAnswer> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(console.info());
            }
            answers.sort(java.util.Comparator.comparingLong(ConsoleLoad.InfoAnswer::millis));
            ctx.results().add(Field.CONSOLE_INFO_MS, answers.get(1).millis());
            ctx.results().add(Field.CONSOLE_INFO_KB, answers.get(1).bytes() / 1000.0);
            if (!ConsoleLoad.browserAvailable()) {
                ctx.results().note("Case 7: no overview page timing: " + ConsoleLoad.CHROMEDRIVER + " or "
                        + ConsoleLoad.CHROMIUM + " is missing (apt-get install chromium chromium-driver)");
                LOG.log(Level.INFO, "Case 7, run {0}: console GET /api/info {1} ms ({2} kB)", rep + 1,
                        answers.get(1).millis(), answers.get(1).bytes() / 1000);
                return;
            }
            List<Long> overview = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                overview.add(console.overview());
            }
            java.util.Collections.sort(overview);
            ctx.results().add(Field.CONSOLE_OVERVIEW_MS, overview.get(1));
            LOG.log(Level.INFO, "Case 7, run {0}: console GET /api/info {1} ms ({2} kB); overview page until its "
                    + "nodes table filled {3} ms (median of {4})", rep + 1, answers.get(1).millis(),
                    answers.get(1).bytes() / 1000, overview.get(1), overview);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while timing the console", e);
        }
    }

    /**
     * @throws BenchFailure before anything is created, when the broker's file descriptors cannot hold the queues
     */
    private void requireFileDescriptors(int queues) {
        RabbitmqCtl.Status s = ctx.ctl().status();
        int needed = queues * FDS_PER_QUORUM_QUEUE;
        int free = s.fdLimit() - s.fdUsed() - FD_HEADROOM;
        if (needed > free) {
            throw new BenchFailure(String.format("not started: %d quorum queues need %d of RabbitMQ's file descriptors, "
                    + "it has %d of %d free (%d kept for connections); past its limit it accepts no new connection. "
                    + "Raise the broker's limit (e.g. ulimit -n 65536 before rabbitmq-server, or LimitNOFILE=65536), "
                    + "or point the benchmark at a broker that has one (ROGER_AMQP_URI and RABBITMQ_NODENAME)",
                    queues, needed, s.fdLimit() - s.fdUsed(), s.fdLimit(), FD_HEADROOM));
        }
    }
}
