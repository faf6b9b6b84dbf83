package dev.roger.bench.cases;

import dev.roger.api.Names;
import dev.roger.api.PartitionSpec;
import dev.roger.bench.app.BenchJobs;
import dev.roger.bench.node.PayaraNode;
import dev.roger.bench.report.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Case 11, ten thousand tenants on one node: partitions of one queue each, on a node of its own
 * whose adapter declares classic main queues ({@code queueType=classic}). Ten thousand quorum
 * queues would need thirty thousand of the broker's file descriptors and a Raft group each; classic
 * queues are what a deployment with that many tenants would choose. Measured as case 7: ready time,
 * connections and channels, idle CPU beside the same node's before the tenants, heap growth; and
 * the broker alone creating as many queues as the start does, as the reference for the ready time.
 */
public final class ClassicTenantsCase {

    /** The adapter properties of this case's node. */
    public static final Map<String, String> NODE = Map.of("queueType", "classic");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);

    private final BenchContext ctx;
    private final PayaraNode node;

    public ClassicTenantsCase(BenchContext ctx, PayaraNode node) {
        this.ctx = ctx;
        this.node = node;
    }

    public void run() throws InterruptedException {
        TenantsRun tenants = new TenantsRun(ctx, node, "Case 11", TenantFields.CASE_11, READY_TIMEOUT);
        ctx.results().add(Field.CLASSIC_TENANTS_BASELINE_CPU_PCT, tenants.idleCpuPercent());
        for (int rep = 0; rep < ctx.mode().repetitions(); rep++) {
            String prefix = BenchJobs.PREFIX + "c" + ctx.runId() + rep + "-";
            List<PartitionSpec> specs = new ArrayList<>();
            for (int i = 0; i < ctx.mode().classicTenants(); i++) {
                specs.add(PartitionSpec.of(prefix + i).withQueue(Names.DEFAULT_QUEUE, 1));
            }
            if (tenants.run(rep, prefix, specs, () -> { })) {
                measureDeclareBaseline(rep, specs.size());
            }
        }
    }

    /**
     * The references for the ready time, once the tenants are gone: the broker alone creating what
     * their start creates, a partition's owner queue (durable, classic, single active consumer)
     * and its main queue (classic) for each; and those with the consumers the start registers.
     */
    private void measureDeclareBaseline(int rep, int partitions) {
        Map<String, Map<String, Object>> queues = new LinkedHashMap<>();
        for (int i = 0; i < partitions; i++) {
            String name = BenchJobs.PREFIX + "cdecl" + ctx.runId() + rep + "-" + i;
            queues.put(name + "-owner", Map.of("x-single-active-consumer", true));
            queues.put(name, Map.of("x-queue-type", "classic"));
        }
        BrokerReferences references = new BrokerReferences(ctx, "Case 11", rep);
        references.declares("owner and main queues (classic)", queues, Field.CLASSIC_TENANTS_DECLARE_BASELINE_S,
                Field.CLASSIC_TENANTS_DECLARE_BASELINE_CPU_S);
        references.startWork("those declared and consumed as the start does", queues, TenantsCase.mainQueues(queues),
                1, Field.CLASSIC_TENANTS_START_WORK_S, Field.CLASSIC_TENANTS_START_WORK_CPU_S);
    }
}
