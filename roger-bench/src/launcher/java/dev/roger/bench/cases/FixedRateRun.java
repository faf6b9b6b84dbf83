package dev.roger.bench.cases;

import dev.roger.api.Job;
import dev.roger.api.PartitionSpec;
import dev.roger.bench.load.Completion;
import dev.roger.bench.load.FixedRateProducer;
import dev.roger.bench.node.PayaraNode;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One fixed-rate run as the latency cases (3 and 9) measure it: jobs sent evenly over a window into
 * a one-queue partition of their own, then waited for until every one ran; the latencies the WAR
 * recorded are returned and kept as raw samples. The partition is removed afterwards, also when
 * the run breaks.
 */
final class FixedRateRun {

    /** What the producer achieved, and every job's latency (microseconds, in start order). */
    record Outcome(FixedRateProducer.Result producer, long[] micros) {
    }

    private FixedRateRun() {
    }

    /**
     * @param label       names the case in a note about failed enqueues
     * @param samplesFile where the raw latencies go, in the run's directory
     */
    static Outcome run(BenchContext ctx, PayaraNode node, String label, PartitionSpec spec, Supplier<Job> jobs,
                       int total, Duration window, String samplesFile) throws InterruptedException {
        Partitions.start(node, List.of(spec));
        try {
            node.app().reset();
            FixedRateProducer.Result sent = FixedRateProducer.run(ctx.roger(), spec.partition(), jobs, total, window);
            if (sent.failed() > 0) {
                ctx.results().note(label + ": " + sent.failed() + " enqueues failed: " + sent.firstError());
            }
            Completion.await(node, spec.partition(), sent.enqueued());
            long[] micros = node.app().latenciesMicros(spec.partition());
            RawSamples.write(ctx.config().dir().resolve(samplesFile), micros);
            return new Outcome(sent, micros);
        } finally {
            Partitions.remove(node, ctx.broker(), List.of(spec));
        }
    }
}
