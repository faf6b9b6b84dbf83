package dev.roger.bench.cases;

import dev.roger.bench.load.BatchProducer;
import dev.roger.bench.peers.PerfTestOutput;
import dev.roger.bench.report.Field;
import java.lang.System.Logger.Level;

/**
 * Case 1, the limit: what RabbitMQ itself delivers for Roger's workload, measured by PerfTest with
 * Roger's settings (see {@link dev.roger.bench.peers.PerfTestRunner}) and the same producers as
 * case 2 (threads, confirm window = batch size), at prefetch 10 and 100 like Roger's 10 and 100
 * workers. Roger cannot beat it; case 2 is read as a fraction of it. Then a bare Java consumer
 * alone in its JVM, prefetch 10, fed by PerfTest's producers: its CPU per message is what the Java
 * AMQP client itself costs, the floor under case 2's node CPU.
 */
public final class LimitCase {

    private static final System.Logger LOG = System.getLogger(LimitCase.class.getName());

    private final BenchContext ctx;
    private final int messageBytes;

    public LimitCase(BenchContext ctx, int messageBytes) {
        this.ctx = ctx;
        this.messageBytes = messageBytes;
    }

    public void run() throws InterruptedException {
        ctx.results().add(Field.MESSAGE_BYTES, messageBytes);
        for (int rep = 0; rep < ctx.mode().repetitions(); rep++) {
            for (int prefetch : new int[] {10, 100}) {
                long brokerCpu = ctx.brokerCpuNanos();
                PerfTestOutput out = ctx.perfTest().throughput(ctx.partition("perftest" + prefetch, rep),
                        BatchProducer.THREADS, BatchProducer.BATCH, prefetch, messageBytes, ctx.mode().jobs());
                ctx.results().add(prefetch == 10 ? Field.PERFTEST_MSGS_PER_S : Field.PERFTEST_MSGS_PER_S_100W,
                        out.receivedPerSecond());
                if (prefetch == 10 && brokerCpu >= 0) {
                    // Where the time goes: the broker's share per message, to set against Roger's below.
                    ctx.results().add(Field.PERFTEST_BROKER_CPU_MS_PER_1000,
                            (ctx.brokerCpuNanos() - brokerCpu) / 1e6 / ctx.mode().jobs() * 1000);
                }
                LOG.log(Level.INFO, "Case 1, run {0}: PerfTest prefetch {1}: {2} msg/s", rep + 1, prefetch,
                        Math.round(out.receivedPerSecond()));
            }
            // The part of a node's CPU per job that is only the AMQP client's: Roger's node cannot go below
            // it. Warmed up by as many messages as case 2's node is before its CPU counts.
            double consumerCpu = ctx.perfTest().bareConsumerCpuMsPer1000(ctx.partition("perftestcpu", rep),
                    BatchProducer.THREADS, BatchProducer.BATCH, 10, messageBytes, ctx.mode().warmUpJobs(),
                    ctx.mode().jobs());
            ctx.results().add(Field.BARE_CONSUMER_CPU_MS_PER_1000, consumerCpu);
            LOG.log(Level.INFO, "Case 1, run {0}: a bare Java consumer, prefetch 10: {1} ms CPU per 1000 messages",
                    rep + 1, Math.round(consumerCpu));
        }
    }
}
