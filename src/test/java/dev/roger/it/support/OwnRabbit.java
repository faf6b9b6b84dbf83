package dev.roger.it.support;

import dev.roger.testing.Await;
import dev.roger.testing.RabbitCli;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of a test's own, for settings the shared broker must keep (e.g. a short
 * {@code consumer_timeout}): started from this machine's RabbitMQ installation under its own
 * node name, ports and directory, and stopped by {@link #close()}. Needs {@code rabbitmq-server}
 * and {@code rabbitmqctl} (as root it runs them as the {@code rabbitmq} user); fails saying so
 * when they are missing.
 */
public final class OwnRabbit implements AutoCloseable {

    private static final Path SERVER = RabbitCli.ownInstallation() ? Path.of(RabbitCli.tool("rabbitmq-server").get(0))
            : Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");

    private final String node;
    private final int amqpPort;
    private final Path dir;

    private OwnRabbit(String node, int amqpPort, Path dir) {
        this.node = node;
        this.amqpPort = amqpPort;
        this.dir = dir;
    }

    /**
     * Starts a node and waits until it takes AMQP connections.
     *
     * @param node           the Erlang node name, e.g. {@code rogerlong@localhost}
     * @param conf           extra {@code rabbitmq.conf} lines (key = value)
     * @param advancedConfig the {@code advanced.config} term, e.g. {@code [{rabbit, [...]}].}
     */
    public static OwnRabbit start(String node, int amqpPort, int distPort, Map<String, String> conf,
                                  String advancedConfig) throws IOException, InterruptedException {
        if (!Files.isExecutable(SERVER)) {
            throw new IllegalStateException("This test starts a RabbitMQ node of its own and needs a RabbitMQ "
                    + "installation at " + SERVER.getParent() + " (apt-get install rabbitmq-server)");
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "roger-it-rabbit-" + node.replaceAll("[^A-Za-z0-9]", "_"));
        OwnRabbit rabbit = new OwnRabbit(node, amqpPort, dir);
        // A run that was killed may have left the node running: it is ours by its name.
        rabbit.ctl("shutdown");
        deleteRecursively(dir);
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>(List.of("listeners.tcp.local = 127.0.0.1:" + amqpPort));
        conf.forEach((k, v) -> lines.add(k + " = " + v));
        Files.write(dir.resolve("rabbitmq.conf"), lines);
        Files.writeString(dir.resolve("advanced.config"), advancedConfig);
        Files.writeString(dir.resolve("enabled_plugins"), "[].");
        boolean root = "root".equals(System.getProperty("user.name"));
        // An installation of its own (RabbitCli) switches to its rabbitmq user itself.
        boolean su = root && !RabbitCli.ownInstallation();
        if (root) {
            run(List.of("chown", "-R", "rabbitmq:rabbitmq", dir.toString()), Duration.ofSeconds(30));
        }
        ProcessBuilder pb = new ProcessBuilder(su
                ? List.of("su", "rabbitmq", "-s", "/bin/sh", "-c", "cd /var/lib/rabbitmq && exec " + SERVER + " -detached")
                : List.of(SERVER.toString(), "-detached"));
        Map<String, String> env = pb.environment();
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        String out = run(pb, Duration.ofSeconds(60));
        try {
            Await.until("RabbitMQ node " + node + " listening on " + amqpPort + " (" + out.strip() + ")",
                    Duration.ofSeconds(90), () -> listening(amqpPort));
        } catch (AssertionError e) {
            rabbit.close();
            throw e;
        }
        return rabbit;
    }

    /** The AMQP URI of this node (user guest, from localhost). */
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + amqpPort;
    }

    /** The node's log so far. */
    public String log() {
        try {
            return Files.readString(dir.resolve("log").resolve(node + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Runs {@code rabbitmqctl -n <node> <args>} and returns what it printed.
     *
     * @throws IllegalStateException when it fails (except for {@code shutdown} of a node that is not running)
     */
    public String ctl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(RabbitCli.tool("rabbitmqctl"));
        cmd.addAll(List.of("-n", node));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (args.length > 0 && args[0].equals("shutdown")) {
            return runQuietly(pb);
        }
        return run(pb, Duration.ofSeconds(90));
    }

    /**
     * Ready and unacknowledged messages of a queue, as {@code [ready, unacked]}; null when the
     * queue does not exist.
     */
    public long[] messages(String queue) throws IOException, InterruptedException {
        return queues().get(queue);
    }

    /** Every queue of the default virtual host with its {@code [ready, unacked]} messages. */
    public Map<String, long[]> queues() throws IOException, InterruptedException {
        Map<String, long[]> queues = new java.util.TreeMap<>();
        String table = ctl("list_queues", "-q", "--no-table-headers", "name", "messages_ready",
                "messages_unacknowledged");
        for (String line : table.split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 3) {
                queues.put(f[0], new long[] {Long.parseLong(f[1].strip()), Long.parseLong(f[2].strip())});
            }
        }
        return queues;
    }

    /** Stops the node (waiting for it to be down) and deletes its directory. */
    @Override
    public void close() {
        try {
            ctl("shutdown");
            deleteRecursively(dir);
        } catch (IOException e) {
            throw new IllegalStateException("could not clean up RabbitMQ node " + node + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String run(List<String> cmd, Duration timeout) throws IOException, InterruptedException {
        return run(new ProcessBuilder(cmd), timeout);
    }

    private static String run(ProcessBuilder pb, Duration timeout) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", pb.command()) + " did not finish in " + timeout);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", pb.command()) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    /** For a shutdown that may find no node running: its failure means there was nothing to stop. */
    private static String runQuietly(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", pb.command()) + " did not finish in 120 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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
}
