package dev.roger.bench.measure;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Samples a process's RSS (and the heap its application reports) in the background while a load
 * runs, keeping the peaks: memory under load is its highest point, which a single reading at the
 * end would miss.
 */
public final class MemorySampler implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MemorySampler.class.getName());
    private static final long RSS_EVERY_MILLIS = 200;
    private static final int HEAP_EVERY_N_RSS = 5;

    private final AtomicLong peakRss = new AtomicLong();
    private final AtomicLong peakHeap = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts sampling.
     *
     * @param pid  the process whose RSS is read
     * @param heap reads the heap in use (an HTTP call, so less often); may throw, a missed sample is skipped
     */
    public MemorySampler(long pid, LongSupplier heap) {
        thread = new Thread(() -> sample(pid, heap), "bench-memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample(long pid, LongSupplier heap) {
        int n = 0;
        while (running) {
            try {
                peakRss.accumulateAndGet(ProcStats.rssBytes(pid), Math::max);
                if (n++ % HEAP_EVERY_N_RSS == 0) {
                    peakHeap.accumulateAndGet(heap.getAsLong(), Math::max);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "memory sample skipped: {0}", e.getMessage());
            }
            try {
                Thread.sleep(RSS_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public long peakRssBytes() {
        return peakRss.get();
    }

    public long peakHeapBytes() {
        return peakHeap.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
