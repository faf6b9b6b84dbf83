package dev.roger.it.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        String[] command = new String[args.length + 1];
        command[0] = "rabbitmqctl";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + out);
            }
            return out.lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException("this test needs rabbitmqctl on the PATH: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
