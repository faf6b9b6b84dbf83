package dev.roger.bench.peers;

import dev.roger.bench.BenchConfig;
import dev.roger.bench.BenchFailure;
import dev.roger.bench.broker.Broker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs RabbitMQ PerfTest ({@code com.rabbitmq.perf.PerfTest}) in a child JVM with the settings of
 * Roger's matching case, so its figure is what the broker alone can do for Roger's workload:
 * persistent messages of a no-op job's size, publisher confirms, manual acks, one consumer whose
 * prefetch is Roger's worker count, and a durable quorum queue. Each run gets its own queue, deleted
 * afterwards.
 */
public final class PerfTestRunner {

    private static final String MAIN = "com.rabbitmq.perf.PerfTest";

    private final BenchConfig config;
    private final Broker broker;

    public PerfTestRunner(BenchConfig config, Broker broker) {
        this.config = config;
        this.broker = broker;
    }

    /**
     * {@code messages} messages from {@code producers} producers as fast as confirms allow
     * ({@code confirmWindow} outstanding each, like Roger's enqueueAll batches), consumed by one
     * consumer with {@code prefetch}.
     */
    public PerfTestOutput throughput(String queue, int producers, int confirmWindow, int prefetch, int messageBytes,
                                     int messages) throws InterruptedException {
        int perProducer = (messages + producers - 1) / producers;
        List<String> args = common(queue, producers, confirmWindow, prefetch, messageBytes);
        args.addAll(List.of("--pmessages", Integer.toString(perProducer),
                "--cmessages", Integer.toString(perProducer * producers)));
        return run(queue, args, 600);
    }

    /** One producer at {@code rate} messages per second for {@code seconds}, one consumer with {@code prefetch}. */
    public PerfTestOutput fixedRate(String queue, int prefetch, int messageBytes, int rate, int seconds)
            throws InterruptedException {
        List<String> args = common(queue, 1, 500, prefetch, messageBytes);
        args.addAll(List.of("--rate", Integer.toString(rate), "--time", Integer.toString(seconds)));
        return run(queue, args, seconds + 120L);
    }

    private List<String> common(String queue, int producers, int confirmWindow, int prefetch, int messageBytes) {
        return new ArrayList<>(List.of(
                "--uri", config.amqpUri(),
                "--id", queue,
                "--queue", queue,
                "--queue-args", "x-queue-type=quorum",
                "--auto-delete", "false",
                "--flag", "persistent",
                "--confirm", Integer.toString(confirmWindow),
                "--producers", Integer.toString(producers),
                "--consumers", "1",
                "--qos", Integer.toString(prefetch),
                "--size", Integer.toString(messageBytes)));
    }

    private PerfTestOutput run(String queue, List<String> args, long timeoutSeconds) throws InterruptedException {
        Path log = config.dir().resolve(queue + ".log");
        try {
            ChildJvm.Outcome outcome = ChildJvm.run("PerfTest", log, List.of("-Xmx1g"), MAIN, args, timeoutSeconds);
            if (outcome.exitCode() != 0) {
                throw new BenchFailure("PerfTest exited with " + outcome.exitCode() + " (log: " + log + ")");
            }
            try {
                return PerfTestOutput.parse(outcome.output());
            } catch (BenchFailure e) {
                throw new BenchFailure(e.getMessage() + " (log: " + log + ")", e);
            }
        } finally {
            broker.deleteQueues(List.of(queue));
        }
    }
}
