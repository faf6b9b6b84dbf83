package dev.roger.it.support;

import dev.roger.testing.RabbitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A RabbitMQ node of a test's own, with its own name, ports, configuration and data, for what the
 * shared broker must never be used for (a special listener, a stop). Needs {@code rabbitmq-server}
 * on this machine and runs it as the {@code rabbitmq} user (through {@code su} when the tests run as
 * root); every file the node reads must therefore be under its directory, which it is given.
 */
public final class RabbitNode implements AutoCloseable {

    private static final Duration CTL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);

    private final String nodeName;
    private final Path pidFile;

    private RabbitNode(String nodeName, Path dir) {
        this.nodeName = nodeName;
        this.pidFile = dir.resolve("mnesia").resolve(nodeName + ".pid");
    }

    /**
     * Starts a fresh node (no data from an earlier run; a node of this name left running by an
     * aborted run is stopped first) and waits until it serves.
     *
     * @param nodeName e.g. {@code rogertls@localhost}, unique to the test
     * @param distPort its Erlang distribution port, unique to the test
     * @param dir where its configuration, data and logs go; handed to the rabbitmq user
     * @param config the lines of its {@code rabbitmq.conf}
     */
    public static RabbitNode start(String nodeName, int distPort, Path dir, List<String> config) throws IOException {
        RabbitNode node = new RabbitNode(nodeName, dir);
        node.stopIfRunning();
        deleteRecursively(dir.resolve("mnesia"));
        deleteRecursively(dir.resolve("log"));
        Files.createDirectories(dir);
        Path conf = Files.write(dir.resolve("rabbitmq.conf"), config);
        Path plugins = Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
        if (isRoot()) {
            Command.run(CTL_TIMEOUT, "chown", "-R", "rabbitmq:rabbitmq", dir.toString());
        }
        Map<String, String> env = Map.of(
                "RABBITMQ_NODENAME", nodeName,
                "RABBITMQ_CONFIG_FILE", conf.toString(),
                "RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString(),
                "RABBITMQ_LOG_BASE", dir.resolve("log").toString(),
                "RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString(),
                "RABBITMQ_DIST_PORT", Integer.toString(distPort));
        String server = "cd /var/lib/rabbitmq && exec /usr/lib/rabbitmq/bin/rabbitmq-server -detached";
        // An installation of its own (RabbitCli) switches to its rabbitmq user itself.
        Command.run(CTL_TIMEOUT, env, RabbitCli.ownInstallation()
                ? List.of(RabbitCli.tool("rabbitmq-server").get(0), "-detached")
                : isRoot() ? List.of("su", "rabbitmq", "-s", "/bin/sh", "-c", server) : List.of("/bin/sh", "-c", server));
        try {
            // wait, not await_startup: it also waits for the node to come up at all.
            node.ctl(BOOT_TIMEOUT, "wait", node.pidFile.toString(), "--timeout", Long.toString(BOOT_TIMEOUT.toSeconds() - 10));
        } catch (IllegalStateException e) {
            node.close();
            throw new IllegalStateException("RabbitMQ node " + nodeName + " did not start (log in " + dir.resolve("log")
                    + "): " + e.getMessage(), e);
        }
        return node;
    }

    /** Runs {@code rabbitmqctl} against this node and returns what it printed. */
    public String ctl(String... args) {
        return ctl(CTL_TIMEOUT, args);
    }

    private String ctl(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(RabbitCli.tool("rabbitmqctl"));
        cmd.addAll(List.of("-n", nodeName));
        cmd.addAll(List.of(args));
        return Command.run(timeout, Map.of(), cmd);
    }

    private void stopIfRunning() {
        try {
            ctl("ping");
        } catch (IllegalStateException notRunning) {
            return; // The usual case: nothing left from an earlier run.
        }
        close();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Stops the node and waits until its process is gone (given a running node: it waits for the pid file). */
    @Override
    public void close() {
        ctl("stop", pidFile.toString());
    }
}
