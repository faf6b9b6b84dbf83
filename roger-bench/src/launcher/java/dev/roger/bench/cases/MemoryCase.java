package dev.roger.bench.cases;

import dev.roger.bench.measure.ProcStats;
import dev.roger.bench.node.PayaraNode;
import dev.roger.bench.report.Field;
import java.lang.System.Logger.Level;

/**
 * Case 5, the idle half: the Payara node's RSS and heap with Roger and the benchmark application
 * deployed and nothing to do. The half under load is sampled during case 2 ({@link ThroughputCase}).
 */
public final class MemoryCase {

    private static final System.Logger LOG = System.getLogger(MemoryCase.class.getName());
    /** Boot leaves work behind (class loading, JIT, deployment's garbage): give it a moment to finish. */
    private static final long SETTLE_MILLIS = 5000;

    private final BenchContext ctx;
    private final PayaraNode node;

    public MemoryCase(BenchContext ctx, PayaraNode node) {
        this.ctx = ctx;
        this.node = node;
    }

    public void idle() throws InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
        long rss = ProcStats.rssBytes(node.pid());
        long heap = node.app().heapUsedBytes(false);
        ctx.results().add(Field.RSS_IDLE_MB, rss / 1e6);
        ctx.results().add(Field.HEAP_IDLE_MB, heap / 1e6);
        LOG.log(Level.INFO, "Case 5: idle RSS {0} MB, heap {1} MB", rss / 1_000_000, heap / 1_000_000);
    }
}
