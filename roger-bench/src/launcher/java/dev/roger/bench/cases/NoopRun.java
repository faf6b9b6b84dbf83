package dev.roger.bench.cases;

import dev.roger.api.Job;
import dev.roger.api.PartitionSpec;
import dev.roger.bench.load.BatchProducer;
import dev.roger.bench.load.BenchJobsFactory;
import dev.roger.bench.load.Completion;
import dev.roger.bench.measure.ProcStats;
import dev.roger.bench.node.BenchApp;
import dev.roger.bench.node.PayaraNode;
import java.time.Instant;
import java.util.List;

/**
 * One run of no-op jobs through a node: a partition of its own with {@code workers} workers, the
 * jobs enqueued from plain Java SE in batches, timed from the first enqueue to the last job's
 * completion (its AfterRun, after the ack), with the CPU the node and the broker spent meanwhile.
 *
 * @param jobsPerSecond       jobs over the time from the first enqueue to the last completion
 * @param nodeCpuMsPer1000    the node's CPU time per 1,000 jobs
 * @param brokerCpuMsPer1000  the broker's, or -1 when it cannot be read here
 * @param ranTwice            jobs that ran more than once (at-least-once redelivery)
 */
record NoopRun(double jobsPerSecond, double nodeCpuMsPer1000, double brokerCpuMsPer1000, long ranTwice) {

    static NoopRun of(BenchContext ctx, PayaraNode node, String what, int rep, int jobs, int workers)
            throws InterruptedException {
        PartitionSpec spec = Partitions.oneQueue(ctx.partition(what, rep), workers);
        Partitions.start(node, List.of(spec));
        try {
            List<Job> noops = BenchJobsFactory.noops(jobs);
            node.app().reset();
            long brokerCpu = ctx.brokerCpuNanos();
            long nodeCpu = ProcStats.cpuNanos(node.pid());
            Instant start = Instant.now();
            BatchProducer.enqueueAll(ctx.roger(), spec.partition(), noops, 600);
            BenchApp.PartitionStats done = Completion.await(node, spec.partition(), jobs);
            double nodeMs = (ProcStats.cpuNanos(node.pid()) - nodeCpu) / 1e6 / jobs * 1000;
            double brokerMs = brokerCpu < 0 ? -1 : (ctx.brokerCpuNanos() - brokerCpu) / 1e6 / jobs * 1000;
            double rate = jobs / ((done.lastDoneMicros() - micros(start)) / 1e6);
            return new NoopRun(rate, nodeMs, brokerMs, Math.max(0, done.done() - jobs));
        } finally {
            Partitions.remove(node, ctx.broker(), List.of(spec));
        }
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
