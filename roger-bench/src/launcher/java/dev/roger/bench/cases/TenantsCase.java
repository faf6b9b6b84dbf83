package dev.roger.bench.cases;

import dev.roger.api.Names;
import dev.roger.api.PartitionSpec;
import dev.roger.bench.BenchFailure;
import dev.roger.bench.app.BenchJobs;
import dev.roger.bench.broker.RabbitmqCtl;
import dev.roger.bench.measure.ProcStats;
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
 * while all of them sit idle, and its heap (after a full collection) before and after.
 *
 * <p>Two thousand quorum queues need six thousand of the broker's file descriptors (three each),
 * and a broker past its limit accepts no new connection at all, from Roger or anyone else. So the
 * case first checks the broker's budget and refuses to start, saying how to raise it, rather than
 * wedge a shared broker. If the start still stalls, the case fails at a deadline and leaves the
 * node to be stopped (a node stuck in startPartition cannot stop partitions either) and the queues
 * to the launcher's sweep.
 */
public final class TenantsCase {

    private static final System.Logger LOG = System.getLogger(TenantsCase.class.getName());
    /** Specs per HTTP request: large enough that HTTP is not what is timed, small enough to see progress. */
    private static final int PER_REQUEST = 50;
    /** RabbitMQ 3.10 reserves this many file descriptors per quorum queue (measured: 100 queues, +300). */
    static final int FDS_PER_QUORUM_QUEUE = 3;
    /** Descriptors left for connections: the node's extra ones, the launcher's, other clients'. */
    private static final int FD_HEADROOM = 100;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final long POLL_MILLIS = 250;
    private static final int DECLARE_THREADS = 8;

    private final BenchContext ctx;
    private final PayaraNode node;

    public TenantsCase(BenchContext ctx, PayaraNode node) {
        this.ctx = ctx;
        this.node = node;
    }

    public void run() throws InterruptedException {
        requireFileDescriptors(2 * ctx.mode().tenants());
        // What the node burns idle without the tenants (Payara's own timers, Roger's reconcile): the tenants' share is the rest.
        ctx.results().add(Field.TENANTS_BASELINE_CPU_PCT, idleCpuPercent());
        for (int rep = 0; rep < ctx.mode().repetitions(); rep++) {
            once(rep);
        }
    }

    private void once(int rep) throws InterruptedException {
        String prefix = BenchJobs.PREFIX + "t" + ctx.runId() + rep + "-";
        List<PartitionSpec> specs = new ArrayList<>();
        for (int i = 0; i < ctx.mode().tenants(); i++) {
            specs.add(PartitionSpec.of(prefix + i).withQueue(Names.DEFAULT_QUEUE, 1).withQueue("other", 1));
        }
        int queues = 2 * specs.size();
        requireFileDescriptors(queues);
        long heapBefore = node.app().heapUsedBytes(true);
        long start = System.nanoTime();
        long deadline = start + READY_TIMEOUT.toNanos();
        boolean started = false;
        try {
            for (int from = 0; from < specs.size(); from += PER_REQUEST) {
                node.app().startPartitions(specs.subList(from, Math.min(specs.size(), from + PER_REQUEST)),
                        remaining(deadline));
            }
            double callsSeconds = (System.nanoTime() - start) / 1e9;
            double readySeconds = awaitConsumers(prefix, queues, start, deadline);
            started = true;
            ctx.results().add(Field.TENANTS_START_CALLS_S, callsSeconds);
            ctx.results().add(Field.TENANTS_READY_S, readySeconds);
            LOG.log(Level.INFO, "Case 7, run {0}: {1} consumers ready after {2} s (start calls returned after {3} s)",
                    rep + 1, queues, readySeconds, callsSeconds);

            countConnections();
            double cpuPercent = idleCpuPercent();
            ctx.results().add(Field.TENANTS_IDLE_CPU_PCT, cpuPercent);

            long heapAfter = node.app().heapUsedBytes(true);
            ctx.results().add(Field.TENANTS_HEAP_MB, heapAfter / 1e6);
            ctx.results().add(Field.TENANTS_HEAP_GROWTH_MB, (heapAfter - heapBefore) / 1e6);
            ctx.results().add(Field.TENANTS_RSS_MB, ProcStats.rssBytes(node.pid()) / 1e6);
            LOG.log(Level.INFO, "Case 7, run {0}: idle CPU {1} %, heap {2} MB (growth {3} MB)", rep + 1,
                    String.format("%.2f", cpuPercent), heapAfter / 1_000_000, (heapAfter - heapBefore) / 1_000_000);
            measureInfo(rep, specs);
            measureConsole(rep);
        } finally {
            if (started) {
                stopAndDelete(specs);
            }
        }
        if (started) {
            measureDeclareBaseline(rep, queues);
        }
    }

    /**
     * The reference for the ready time, once the tenants are gone: the broker alone creating as
     * many quorum queues, {@value #DECLARE_THREADS} declares at a time (more do not go faster on
     * RabbitMQ 3.10: measured 1,000 in 6.6 s with 2 threads, 6.1 s with 8, 5.8 s with 32).
     */
    private void measureDeclareBaseline(int rep, int queues) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < queues; i++) {
            names.add(BenchJobs.PREFIX + "tdecl" + ctx.runId() + rep + "-" + i);
        }
        double seconds = ctx.broker().timeQuorumDeclares(names, DECLARE_THREADS) / 1e9;
        ctx.results().add(Field.TENANTS_DECLARE_BASELINE_S, seconds);
        LOG.log(Level.INFO, "Case 7, run {0}: the broker alone declares {1} quorum queues in {2} s", rep + 1, queues,
                String.format("%.1f", seconds));
    }

    /**
     * How long {@code RogerAdmin.info()} takes with the tenants running (the median of 3 calls),
     * beside a baseline from the same moment: a passive declare of each of their queues, one after
     * another, which is what reading their counts costs at least (Info also reads their buried
     * queues, most of which do not exist).
     */
    private void measureInfo(int rep, List<PartitionSpec> specs) {
        List<Long> millis = new ArrayList<>();
        int partitions = 0;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            dev.roger.api.admin.ClusterInfo info = ctx.roger().admin().info();
            millis.add((System.nanoTime() - start) / 1_000_000);
            partitions = info.nodes().stream().mapToInt(n -> n.partitions().size()).max().orElse(0);
        }
        if (partitions < specs.size()) {
            throw new BenchFailure("RogerAdmin.info() listed " + partitions + " partitions on the node, not the "
                    + specs.size() + " started");
        }
        java.util.Collections.sort(millis);
        List<String> mainQueues = Partitions.queues(specs).stream().filter(q -> !q.endsWith(".buried")).toList();
        long baselineMillis = ctx.broker().timePassiveDeclares(mainQueues) / 1_000_000;
        ctx.results().add(Field.TENANTS_INFO_MS, millis.get(1));
        ctx.results().add(Field.TENANTS_INFO_BASELINE_MS, baselineMillis);
        LOG.log(Level.INFO, "Case 7, run {0}: info() with {1} partitions took {2} ms (median of 3: {3}); passive "
                + "declares of their {4} queues {5} ms", rep + 1, partitions, millis.get(1), millis,
                mainQueues.size(), baselineMillis);
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

    /** The node's CPU over the idle window, in percent of one core. */
    private double idleCpuPercent() throws InterruptedException {
        long cpuBefore = ProcStats.cpuNanos(node.pid());
        long idleStart = System.nanoTime();
        Thread.sleep(ctx.mode().idleSeconds() * 1000L);
        return 100.0 * (ProcStats.cpuNanos(node.pid()) - cpuBefore) / (System.nanoTime() - idleStart);
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

    /** Time left until the deadline: each start request may take at most that long. */
    private static Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new BenchFailure("The tenants were not all started within " + READY_TIMEOUT.toMinutes() + " min");
        }
        return Duration.ofNanos(left);
    }

    /** Polls the broker until every queue of the run has a consumer; returns the seconds since {@code start}. */
    private double awaitConsumers(String prefix, int queues, long start, long deadline) throws InterruptedException {
        int ready = 0;
        while (System.nanoTime() < deadline) {
            node.requireAlive();
            ready = ctx.ctl().consumedQueues(prefix).size();
            if (ready >= queues) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new BenchFailure("Only " + ready + " of " + queues + " tenant queues had a consumer after "
                + READY_TIMEOUT.toMinutes() + " min");
    }

    private void stopAndDelete(List<PartitionSpec> specs) throws InterruptedException {
        long stopStart = System.nanoTime();
        for (int from = 0; from < specs.size(); from += PER_REQUEST) {
            node.app().stopPartitions(specs.subList(from, Math.min(specs.size(), from + PER_REQUEST)).stream()
                    .map(PartitionSpec::partition).toList());
        }
        ctx.results().add(Field.TENANTS_STOP_S, (System.nanoTime() - stopStart) / 1e9);
        ctx.broker().deleteQueues(Partitions.queues(specs));
    }

    /** The node's connections (named roger@host:pid, #2, #3 ... for the extra ones) and their channels. */
    private void countConnections() {
        String pid = ":" + node.pid();
        int connections = 0;
        int channels = 0;
        for (RabbitmqCtl.ConnectionInfo c : ctx.ctl().connections()) {
            String name = c.name();
            if (name.startsWith("roger@") && (name.endsWith(pid) || name.contains(pid + "#"))) {
                connections++;
                channels += c.channels();
            }
        }
        ctx.results().add(Field.TENANTS_CONNECTIONS, connections);
        ctx.results().add(Field.TENANTS_CHANNELS, channels);
        LOG.log(Level.INFO, "Case 7: the node holds {0} connections with {1} channels", connections, channels);
    }
}
