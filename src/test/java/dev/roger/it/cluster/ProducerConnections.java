package dev.roger.it.cluster;

import dev.roger.testing.RabbitCli;
import java.util.List;

/**
 * Closes, with {@code rabbitmqctl close_connection}, only the broker connections whose client
 * properties carry a marker of the test's own: the broker is shared, and other connections
 * (the Payara nodes', other tests') must stay up.
 */
final class ProducerConnections {

    private final String marker;

    /** @param marker a value unique to this test run, set as a client property of the producer's connection */
    ProducerConnections(String marker) {
        this.marker = marker;
    }

    /** Closes the marked connections open now; returns how many. */
    int closeAll() {
        int closed = 0;
        for (String line : rabbitmqctl("list_connections", "-q", "pid", "client_properties")) {
            if (line.contains(marker)) {
                String pid = line.substring(0, line.indexOf('\t'));
                rabbitmqctl("close_connection", pid, "enqueue outcomes test");
                closed++;
            }
        }
        return closed;
    }

    private static List<String> rabbitmqctl(String... args) {
        return RabbitCli.run(args).orElseThrow(() -> new IllegalStateException("this test needs rabbitmqctl on the PATH"))
                .lines().toList();
    }
}
