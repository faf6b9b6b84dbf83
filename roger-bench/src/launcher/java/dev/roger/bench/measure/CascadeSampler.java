package dev.roger.bench.measure;

import dev.roger.bench.BenchFailure;
import dev.roger.bench.broker.RabbitmqCtl;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples in the background what scheduled jobs cost the broker while they wait: the messages and
 * memory of the delay cascade's queues ({@code rabbitmqctl list_queues}, about a second of a
 * core per call, hence only every few seconds) and the broker's RSS (from {@code /proc}, cheap).
 * Keeps the peaks, which come in the middle of a run, and the first reading, taken before it
 * starts, as the broker's state without the run's jobs.
 */
public final class CascadeSampler implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CascadeSampler.class.getName());

    /** The cascade's queues at one moment: their messages and memory summed. */
    public record Reading(long messages, long memoryBytes) {

        public static Reading of(List<RabbitmqCtl.QueueInfo> queues) {
            long messages = 0;
            long memory = 0;
            for (RabbitmqCtl.QueueInfo q : queues) {
                messages += q.messages();
                memory += q.memoryBytes();
            }
            return new Reading(messages, memory);
        }
    }

    private final RabbitmqCtl ctl;
    private final String prefix;
    private final long brokerPid;
    private final Reading before;
    private final long brokerRssBefore;
    private final AtomicLong peakMessages = new AtomicLong();
    private final AtomicLong peakMemory = new AtomicLong();
    private final AtomicLong peakRss = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Takes the first reading now (a failure here is the caller's: without it nothing compares),
     * then samples every {@code every} until closed.
     *
     * @param prefix    the names of the cascade's queues start with it
     * @param brokerPid the broker's process, for its RSS; 0 when it is not on this machine
     */
    public CascadeSampler(RabbitmqCtl ctl, String prefix, long brokerPid, Duration every) {
        this.ctl = ctl;
        this.prefix = prefix;
        this.brokerPid = brokerPid;
        this.before = Reading.of(ctl.queues(prefix));
        this.brokerRssBefore = brokerRss();
        keep(before, brokerRssBefore);
        thread = new Thread(() -> sample(every), "bench-cascade-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample(Duration every) {
        while (running) {
            try {
                Thread.sleep(every.toMillis());
                keep(Reading.of(ctl.queues(prefix)), brokerRss());
            } catch (InterruptedException e) {
                return;
            } catch (BenchFailure e) {
                // A missed sample lowers the resolution, not the figures of the others.
                LOG.log(Level.DEBUG, "cascade sample skipped: {0}", e.getMessage());
            }
        }
    }

    private void keep(Reading r, long rss) {
        peakMessages.accumulateAndGet(r.messages(), Math::max);
        peakMemory.accumulateAndGet(r.memoryBytes(), Math::max);
        peakRss.accumulateAndGet(rss, Math::max);
    }

    /** The broker's RSS in bytes, or 0 when it is not a process of this machine (or cannot be read). */
    private long brokerRss() {
        if (brokerPid <= 0) {
            return 0;
        }
        try {
            return ProcStats.rssBytes(brokerPid);
        } catch (BenchFailure e) {
            return 0;
        }
    }

    /** The cascade before the run: other users' scheduled jobs, on a shared broker. */
    public Reading before() {
        return before;
    }

    /** The broker's RSS before the run, bytes; 0 when unknown. */
    public long brokerRssBefore() {
        return brokerRssBefore;
    }

    /** The most messages and the most memory seen in the cascade (each its own peak). */
    public Reading peak() {
        return new Reading(peakMessages.get(), peakMemory.get());
    }

    /** The broker's highest RSS seen, bytes; 0 when unknown. */
    public long peakBrokerRssBytes() {
        return peakRss.get();
    }

    /** A reading now, outside the schedule (the end of a run). */
    public Reading now() {
        return Reading.of(ctl.queues(prefix));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
