package dev.roger.bench.peers;

import dev.roger.bench.BenchConfig;
import dev.roger.bench.BenchFailure;
import dev.roger.bench.broker.Broker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /** One PerfTest process with both sides: {@code producers} producers, one consumer. */
    private List<String> common(String queue, int producers, int confirmWindow, int prefetch, int messageBytes) {
        List<String> args = base(queue, queue, producers, 1, prefetch, messageBytes);
        args.addAll(List.of("--confirm", Integer.toString(confirmWindow)));
        return args;
    }

    private List<String> base(String queue, String id, int producers, int consumers, int prefetch, int messageBytes) {
        return new ArrayList<>(List.of(
                "--uri", config.amqpUri(),
                "--id", id,
                "--queue", queue,
                "--queue-args", "x-queue-type=quorum",
                "--auto-delete", "false",
                "--flag", "persistent",
                "--producers", Integer.toString(producers),
                "--consumers", Integer.toString(consumers),
                "--qos", Integer.toString(prefetch),
                "--size", Integer.toString(messageBytes)));
    }

    /**
     * The CPU a bare Java AMQP client spends consuming Roger's workload, per 1,000 messages: a
     * {@link BareConsumer} alone in its JVM (one consumer, {@code prefetch}, each message acked as it
     * arrives) while PerfTest publishes to it as in {@link #throughput}. Counted after {@code warmUp}
     * messages, as the Roger node it is set against is warmed up before its CPU counts.
     */
    public double bareConsumerCpuMsPer1000(String queue, int producers, int confirmWindow, int prefetch,
                                           int messageBytes, int warmUp, int messages) throws InterruptedException {
        int perProducer = (warmUp + messages + producers - 1) / producers;
        List<String> consumerArgs = List.of(config.amqpUri(), queue, Integer.toString(prefetch),
                Integer.toString(warmUp), Integer.toString(messages), "600");
        List<String> producerArgs = base(queue, queue + "-producers", producers, 0, prefetch, messageBytes);
        producerArgs.addAll(List.of("--confirm", Integer.toString(confirmWindow),
                "--pmessages", Integer.toString(perProducer)));
        Path consumerLog = config.dir().resolve(queue + "-consumer.log");
        Path producerLog = config.dir().resolve(queue + "-producers.log");
        CompletableFuture<ChildJvm.Outcome> consumer = new CompletableFuture<>();
        try {
            Thread thread = new Thread(() -> {
                try {
                    consumer.complete(ChildJvm.run("The bare consumer", consumerLog, List.of("-Xmx1g"),
                            BareConsumer.class.getName(), consumerArgs, 900));
                } catch (Throwable t) {
                    consumer.completeExceptionally(t);
                }
            }, "bare-consumer");
            thread.setDaemon(true);
            thread.start();
            awaitReady(consumerLog, consumer);
            ChildJvm.Outcome produced = ChildJvm.run("PerfTest's producers", producerLog, List.of("-Xmx1g"), MAIN,
                    producerArgs, 600);
            if (produced.exitCode() != 0) {
                throw new BenchFailure("PerfTest's producers exited with " + produced.exitCode() + " (log: "
                        + producerLog + ")");
            }
            ChildJvm.Outcome consumed = consumer.get(900, TimeUnit.SECONDS);
            int at = consumed.output().indexOf(BareConsumer.RESULT);
            if (consumed.exitCode() != 0 || at < 0) {
                throw new BenchFailure("The bare consumer exited with " + consumed.exitCode() + " (log: " + consumerLog
                        + ")");
            }
            long cpu = Long.parseLong(consumed.output().substring(at + BareConsumer.RESULT.length()).strip()
                    .split("\\s+")[0]);
            return cpu / 1e6 / messages * 1000;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BenchFailure f ? f
                    : new BenchFailure("The bare consumer failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchFailure("The bare consumer did not finish (log: " + consumerLog + ")", e);
        } finally {
            broker.deleteQueues(List.of(queue));
        }
    }

    /** Until the consumer has subscribed, so that the producers never publish before it consumes. */
    private static void awaitReady(Path log, Future<?> consumer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !consumer.isDone()) {
            try {
                if (Files.exists(log) && Files.readString(log).contains(BareConsumer.READY)) {
                    return;
                }
            } catch (IOException e) {
                // Not written yet: look again.
            }
            Thread.sleep(50);
        }
        if (!consumer.isDone()) {
            throw new BenchFailure("The bare consumer did not subscribe within 60 s (log: " + log + ")");
        }
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
