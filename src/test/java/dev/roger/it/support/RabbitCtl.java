package dev.roger.it.support;

import dev.roger.testing.RabbitCli;
import java.util.Optional;

/**
 * What only {@code rabbitmqctl} tells about the broker; empty where this machine has none (a
 * Testcontainers broker).
 */
public final class RabbitCtl {

    private RabbitCtl() {
    }

    /**
     * A queue's declared arguments as rabbitmqctl prints them, e.g.
     * {@code [{"x-max-length",10000},{"x-queue-type","classic"}]}; empty without rabbitmqctl.
     *
     * @throws IllegalStateException when rabbitmqctl fails or does not list the queue
     */
    public static Optional<String> queueArguments(String queue) {
        return queueColumn(queue, "arguments");
    }

    /**
     * How many messages the broker holds for a queue, ready or delivered and not yet acknowledged;
     * empty without rabbitmqctl. Zero means no message that was in the queue can be delivered again.
     *
     * @throws IllegalStateException when rabbitmqctl fails or does not list the queue
     */
    public static Optional<Integer> queueMessages(String queue) {
        return queueColumn(queue, "messages").map(Integer::parseInt);
    }

    private static Optional<String> queueColumn(String queue, String column) {
        return RabbitCli.run("list_queues", "-q", "name", column).map(out -> out.lines()
                .map(l -> l.split("\t", 2)).filter(f -> f.length == 2 && f[0].equals(queue))
                .map(f -> f[1].strip()).findFirst()
                .orElseThrow(() -> new IllegalStateException("rabbitmqctl does not list queue " + queue)));
    }
}
