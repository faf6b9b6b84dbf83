package dev.roger.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the tests run RabbitMQ's command-line tools ({@code rabbitmqctl}, {@code rabbitmq-server},
 * ...) so that they address the broker under test, not whichever broker this machine runs:
 * <ul>
 * <li>{@code ROGER_RABBITMQ_BIN}: the folder of the installation's tools (e.g. the wrappers that
 * {@code tools/rabbitmq4} writes for RabbitMQ 4 in its chroot); unset, the tools on the PATH.</li>
 * <li>{@code ROGER_RABBITMQ_NODE}: the node the broker under test runs as; unset, the tools' default
 * node (the machine's own broker).</li>
 * </ul>
 * Set them together with {@code ROGER_AMQP_URI} ({@code eval "$(tools/rabbitmq4 env)"} does).
 */
public final class RabbitCli {

    private RabbitCli() {
    }

    /** The command line of one of the installation's tools, e.g. {@code rabbitmq-server}. */
    public static List<String> tool(String name) {
        String bin = System.getenv("ROGER_RABBITMQ_BIN");
        return List.of(bin == null || bin.isBlank() ? name : Path.of(bin, name).toString());
    }

    /**
     * Whether the tools belong to an installation of their own ({@code ROGER_RABBITMQ_BIN}): its
     * wrappers switch to the broker's user themselves, so they are run as they are.
     */
    public static boolean ownInstallation() {
        String bin = System.getenv("ROGER_RABBITMQ_BIN");
        return bin != null && !bin.isBlank();
    }

    /** {@code rabbitmqctl} against the broker under test, with {@code args}. */
    public static List<String> ctl(String... args) {
        List<String> cmd = new ArrayList<>(tool("rabbitmqctl"));
        String node = System.getenv("ROGER_RABBITMQ_NODE");
        if (node != null && !node.isBlank()) {
            cmd.addAll(List.of("-n", node));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Runs {@code rabbitmqctl} against the broker under test and returns what it printed; empty
     * where this machine has no rabbitmqctl (a Testcontainers broker).
     *
     * @throws IllegalStateException when it fails or takes over a minute
     */
    public static Optional<String> run(String... args) {
        try {
            return Optional.of(Programs.run(Duration.ofSeconds(60), Map.of(), ctl(args)));
        } catch (IOException noTool) {
            return Optional.empty();
        }
    }
}
