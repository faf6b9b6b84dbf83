package dev.roger.bench.peers;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The least a Java process can do with Roger's deliveries, run as its own JVM by
 * {@link PerfTestRunner#bareConsumerCpuMsPer1000}: one consumer on one channel with a prefetch,
 * each message acked on the client's delivery thread as it arrives, nothing else. It prints the
 * CPU its whole process used (JIT and GC included, as for a Roger node) over the last
 * {@code messages} messages, after {@code warmUp} messages, as one {@code RESULT} line.
 *
 * <p>Arguments: uri queue prefetch warmUp messages timeoutSeconds.
 */
public final class BareConsumer {

    /** What the launcher reads. */
    static final String RESULT = "RESULT cpuNanos=";
    /** Printed once the consumer is subscribed, so the producers start after it. */
    static final String READY = "READY";

    private BareConsumer() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String queue = args[1];
        int prefetch = Integer.parseInt(args[2]);
        int warmUp = Integer.parseInt(args[3]);
        int messages = Integer.parseInt(args[4]);
        long timeoutSeconds = Long.parseLong(args[5]);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        CountDownLatch warm = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        try (Connection connection = factory.newConnection("bare-consumer")) {
            Channel channel = connection.createChannel();
            // As PerfTest declares it (--queue-args x-queue-type=quorum --auto-delete false).
            channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
            channel.basicQos(prefetch);
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                private int seen;

                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) throws IOException {
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                    seen++;
                    if (seen == warmUp) {
                        warm.countDown();
                    } else if (seen == warmUp + messages) {
                        done.countDown();
                    }
                }
            });
            System.out.println(READY);
            System.out.flush();
            if (!warm.await(timeoutSeconds, TimeUnit.SECONDS)) {
                System.out.println("TIMEOUT before " + warmUp + " messages");
                System.exit(2);
            }
            long start = cpuNanos();
            if (!done.await(timeoutSeconds, TimeUnit.SECONDS)) {
                System.out.println("TIMEOUT before " + (warmUp + messages) + " messages");
                System.exit(2);
            }
            System.out.println(RESULT + (cpuNanos() - start));
        }
        System.exit(0);
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }
}
