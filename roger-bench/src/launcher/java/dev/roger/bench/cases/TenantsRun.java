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
        long start = System.nanoTime();
        long deadline = start + readyTimeout.toNanos();
        boolean started = false;
        try {
            for (int from = 0; from < specs.size(); from += PER_REQUEST) {
                node.app().startPartitions(specs.subList(from, Math.min(specs.size(), from + PER_REQUEST)),
                        remaining(deadline));
            }
            double callsSeconds = (System.nanoTime() - start) / 1e9;
            double readySeconds = awaitConsumers(prefix, queues, start, deadline);
            started = true;
            ctx.results().add(fields.startCalls(), callsSeconds);
            ctx.results().add(fields.ready(), readySeconds);
            LOG.log(Level.INFO, "{0}, run {1}: {2} consumers ready after {3} s (start calls returned after {4} s)",
                    label, rep + 1, queues, readySeconds, callsSeconds);

            countConnections();
            double cpuPercent = idleCpuPercent();
            ctx.results().add(fields.idleCpu(), cpuPercent);

            long heapAfter = node.app().heapUsedBytes(true);
            ctx.results().add(fields.heap(), heapAfter / 1e6);
            ctx.results().add(fields.heapGrowth(), (heapAfter - heapBefore) / 1e6);
            ctx.results().add(fields.rss(), ProcStats.rssBytes(node.pid()) / 1e6);
            LOG.log(Level.INFO, "{0}, run {1}: idle CPU {2} %, heap {3} MB (growth {4} MB)", label, rep + 1,
                    String.format("%.2f", cpuPercent), heapAfter / 1_000_000, (heapAfter - heapBefore) / 1_000_000);
            whileUp.run();
        } finally {
            if (started) {
                stopAndDelete(specs);
            }
        }
        return started;
    }

    /** The node's CPU over the mode's idle window, in percent of one core. */
    double idleCpuPercent() throws InterruptedException {
        long cpuBefore = ProcStats.cpuNanos(node.pid());
        long idleStart = System.nanoTime();
        Thread.sleep(ctx.mode().idleSeconds() * 1000L);
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
                + readyTimeout.toMinutes() + " min");
    }

    private void stopAndDelete(List<PartitionSpec> specs) throws InterruptedException {
        long stopStart = System.nanoTime();
        for (int from = 0; from < specs.size(); from += PER_REQUEST) {
            node.app().stopPartitions(specs.subList(from, Math.min(specs.size(), from + PER_REQUEST)).stream()
                    .map(PartitionSpec::partition).toList());
        }
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
