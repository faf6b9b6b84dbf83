package dev.roger.bench.cases;

import dev.roger.api.PartitionSpec;
import dev.roger.bench.BenchFailure;
import dev.roger.bench.broker.RabbitmqCtl;
import dev.roger.bench.measure.ProcStats;
import dev.roger.bench.node.PayaraNode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * One many-tenants run on a node: starts the partitions through the WAR, waits until the broker
 * lists a consumer on every queue, then measures the node's connections and channels, its CPU
 * while they all sit idle and its heap (after a full collection) before and after; last it stops
 * the partitions and deletes their queues. If the start stalls, it fails at a deadline and leaves
 * the node to be stopped (a node stuck in startPartition cannot stop partitions either) and the
 * queues to the launcher's sweep.
 */
final class TenantsRun {

    /** Runs while the tenants are up, after the common measurements (case 7 times info and the console). */
    interface WhileUp {
        void run() throws InterruptedException;
    }

    private static final System.Logger LOG = System.getLogger(TenantsRun.class.getName());
    /** Specs per HTTP request: large enough that HTTP is not what is timed, small enough to see progress. */
    private static final int PER_REQUEST = 50;
    private static final long POLL_MILLIS = 250;
    /** The window right after ready whose idle CPU is measured on its own. */
    static final int FIRST_IDLE_SECONDS = 10;
    /** Queues without their consumers yet after which a poll stops (see {@code Broker.takeConsumed}). */
    private static final int PROBE_MISSES = 20;

    private final BenchContext ctx;
    private final PayaraNode node;
    private final String label;
    private final TenantFields fields;
    private final Duration readyTimeout;

    TenantsRun(BenchContext ctx, PayaraNode node, String label, TenantFields fields, Duration readyTimeout) {
        this.ctx = ctx;
        this.node = node;
        this.label = label;
        this.fields = fields;
        this.readyTimeout = readyTimeout;
    }

    /**
     * @param prefix every partition's name starts with it (the consumers are counted by it)
     * @return whether the tenants started (and so were stopped again)
     */
    boolean run(int rep, String prefix, List<PartitionSpec> specs, WhileUp whileUp) throws InterruptedException {
        int queues = specs.stream().mapToInt(s -> s.queues().size()).sum();
        long heapBefore = node.app().heapUsedBytes(true);
        long nodeCpuBefore = ProcStats.cpuNanos(node.pid());
        long brokerCpuBefore = ctx.brokerCpuNanos();
        long start = System.nanoTime();
        long deadline = start + readyTimeout.toNanos();
        boolean started = false;
        try {
            startPartitions(node, specs, deadline);
            double callsSeconds = (System.nanoTime() - start) / 1e9;
            double readySeconds = awaitConsumers(prefix, specs, 1, start, deadline, node);
            started = true;
            double nodeCpuSeconds = (ProcStats.cpuNanos(node.pid()) - nodeCpuBefore) / 1e9;
            long brokerCpuAfter = ctx.brokerCpuNanos();
            double brokerCpuSeconds = brokerCpuBefore >= 0 && brokerCpuAfter >= 0
                    ? (brokerCpuAfter - brokerCpuBefore) / 1e9 : Double.NaN;
            ctx.results().add(fields.startCalls(), callsSeconds);
            ctx.results().add(fields.ready(), readySeconds);
            ctx.results().add(fields.startNodeCpu(), nodeCpuSeconds);
            if (!Double.isNaN(brokerCpuSeconds)) {
                ctx.results().add(fields.startBrokerCpu(), brokerCpuSeconds);
            }
            LOG.log(Level.INFO, "{0}, run {1}: {2} consumers ready after {3} s (start calls returned after {4} s); "
                    + "CPU meanwhile: node {5} s, broker {6} s", label, rep + 1, queues, readySeconds, callsSeconds,
                    String.format("%.1f", nodeCpuSeconds), String.format("%.1f", brokerCpuSeconds));

            countConnections();
            // The goal holds for both: the first seconds, while the start's after-effects (JIT,
            // GC, late replies) settle, and the idle state after them.
            double firstPercent = cpuPercent(FIRST_IDLE_SECONDS);
            ctx.results().add(fields.idleCpuFirst(), firstPercent);
            double cpuPercent = idleCpuPercent();
            ctx.results().add(fields.idleCpu(), cpuPercent);

            long heapAfter = node.app().heapUsedBytes(true);
            ctx.results().add(fields.heap(), heapAfter / 1e6);
            ctx.results().add(fields.heapGrowth(), (heapAfter - heapBefore) / 1e6);
            ctx.results().add(fields.rss(), ProcStats.rssBytes(node.pid()) / 1e6);
            LOG.log(Level.INFO, "{0}, run {1}: idle CPU {2} % over their first {3} s, {4} % over the next {5} s; heap "
                    + "{6} MB (growth {7} MB)", label, rep + 1, String.format("%.2f", firstPercent), FIRST_IDLE_SECONDS,
                    String.format("%.2f", cpuPercent), ctx.mode().idleSeconds(), heapAfter / 1_000_000,
                    (heapAfter - heapBefore) / 1_000_000);
            whileUp.run();
        } finally {
            if (started) {
                stopAndDelete(specs);
            }
        }
        return started;
    }

    /**
     * Starts the same partitions on a second node of the cluster, while they run on the first,
     * and waits until every queue has a consumer from each; returns the seconds that took.
     */
    double startAlsoOn(PayaraNode second, String prefix, List<PartitionSpec> specs) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + readyTimeout.toNanos();
        startPartitions(second, specs, deadline);
        return awaitConsumers(prefix, specs, 2, start, deadline, node, second);
    }

    /** Stops the partitions on a node (their queues stay: the run deletes them at its end). */
    static void stopOn(PayaraNode on, List<PartitionSpec> specs) {
        for (int from = 0; from < specs.size(); from += PER_REQUEST) {
            on.app().stopPartitions(specs.subList(from, Math.min(specs.size(), from + PER_REQUEST)).stream()
                    .map(PartitionSpec::partition).toList());
        }
    }

    private void startPartitions(PayaraNode on, List<PartitionSpec> specs, long deadline) {
        for (int from = 0; from < specs.size(); from += PER_REQUEST) {
            on.app().startPartitions(specs.subList(from, Math.min(specs.size(), from + PER_REQUEST)), remaining(deadline));
        }
    }

    /** The node's CPU over the mode's idle window, in percent of one core. */
    double idleCpuPercent() throws InterruptedException {
        return cpuPercent(ctx.mode().idleSeconds());
    }

    private double cpuPercent(int seconds) throws InterruptedException {
        long cpuBefore = ProcStats.cpuNanos(node.pid());
        long idleStart = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return 100.0 * (ProcStats.cpuNanos(node.pid()) - cpuBefore) / (System.nanoTime() - idleStart);
    }

    /** Time left until the deadline: each start request may take at most that long. */
    private Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new BenchFailure("The tenants were not all started within " + readyTimeout.toMinutes() + " min");
        }
        return Duration.ofNanos(left);
    }

    /**
     * Polls the broker until every queue of the run has {@code consumers} consumers; returns the
     * seconds since {@code start}. Then checks that {@code rabbitmqctl list_consumers} agrees
     * (once, untimed: each call of it costs half a second of CPU).
     */
    private double awaitConsumers(String prefix, List<PartitionSpec> specs, int consumers, long start, long deadline,
                                  PayaraNode... nodes) throws InterruptedException {
        List<String> queues = Partitions.mainQueues(specs);
        java.util.Set<String> pending = new java.util.LinkedHashSet<>(queues);
        while (System.nanoTime() < deadline) {
            for (PayaraNode n : nodes) {
                n.requireAlive();
            }
            ctx.broker().takeConsumed(pending, consumers, PROBE_MISSES);
            if (pending.isEmpty()) {
                double seconds = (System.nanoTime() - start) / 1e9;
                java.util.Set<String> listed = ctx.ctl().consumedQueues(prefix, consumers);
                if (!listed.containsAll(queues)) {
                    throw new BenchFailure("Passive declares counted " + consumers + " consumer(s) on all "
                            + queues.size() + " tenant queues, but rabbitmqctl list_consumers lists them on only "
                            + queues.stream().filter(listed::contains).count());
                }
                return seconds;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new BenchFailure("Only " + (queues.size() - pending.size()) + " of " + queues.size()
                + " tenant queues had " + consumers + " consumer(s) after " + readyTimeout.toMinutes() + " min");
    }

    private void stopAndDelete(List<PartitionSpec> specs) throws InterruptedException {
        long stopStart = System.nanoTime();
        stopOn(node, specs);
        ctx.results().add(fields.stop(), (System.nanoTime() - stopStart) / 1e9);
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
        ctx.results().add(fields.connections(), connections);
        ctx.results().add(fields.channels(), channels);
        LOG.log(Level.INFO, "{0}: the node holds {1} connections with {2} channels", label, connections, channels);
    }
}
