package dev.roger.bench.cases;

import dev.roger.bench.broker.Broker;
import dev.roger.bench.report.Field;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;

/**
 * The references for a many-tenants start, measured on the broker alone once the tenants are gone,
 * {@value #THREADS} declares at a time (more do not go faster on RabbitMQ 3.10: measured 1,000 in
 * 6.6 s with 2 threads, 6.1 s with 8, 5.8 s with 32). Each adds its time and the broker's CPU
 * meanwhile to the results and logs them.
 */
final class BrokerReferences {

    private static final System.Logger LOG = System.getLogger(BrokerReferences.class.getName());
    static final int THREADS = 8;
    /** The adapter's default {@code channelsPerConnection}, which the benchmark's nodes keep. */
    private static final int CHANNELS_PER_CONNECTION = 500;

    private final BenchContext ctx;
    private final String label;
    private final int rep;

    BrokerReferences(BenchContext ctx, String label, int rep) {
        this.ctx = ctx;
        this.label = label;
        this.rep = rep;
    }

    /** The broker alone declaring these queues, each with the arguments its name maps to. */
    void declares(String what, Map<String, Map<String, Object>> queues, Field wall, Field cpu) {
        record(what, queues.size(), ctx.broker().timeDeclares(queues, THREADS, ctx::brokerCpuNanos), wall, cpu);
    }

    /**
     * The broker alone doing what the start asks of it: these queues declared, a consumer on each
     * (each of {@code mainQueues} on a channel of its own with a prefetch of {@code prefetch}).
     */
    void startWork(String what, Map<String, Map<String, Object>> queues, Set<String> mainQueues, int prefetch,
                   Field wall, Field cpu) {
        record(what, queues.size(), ctx.broker().timeStartWork(queues, mainQueues, prefetch, THREADS,
                CHANNELS_PER_CONNECTION, ctx::brokerCpuNanos), wall, cpu);
    }

    private void record(String what, int queues, Broker.Timed took, Field wall, Field cpu) {
        ctx.results().add(wall, took.wallNanos() / 1e9);
        if (took.cpuNanos() >= 0) {
            ctx.results().add(cpu, took.cpuNanos() / 1e9);
        }
        LOG.log(Level.INFO, "{0}, run {1}: the broker alone, {2} queues: {3} in {4} s ({5} s of its CPU)", label,
                rep + 1, queues, what, String.format("%.1f", took.wallNanos() / 1e9),
                String.format("%.1f", took.cpuNanos() / 1e9));
    }
}
