package dev.roger.chaos.broker;

import dev.roger.chaos.ChaosFailure;
import dev.roger.chaos.Pause;
import dev.roger.testing.RabbitCli;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One RabbitMQ node of the suite's own, on its own AMQP and distribution ports, with its
 * configuration, database and logs in {@code /tmp/roger-chaos-<name>}. It runs as the
 * {@code rabbitmq} user (through {@code su} when the launcher is root) so it shares that user's
 * Erlang cookie with {@code rabbitmqctl} and with the suite's other nodes. The machine's own
 * broker (rabbit@localhost on 5672) is never addressed: every command names this node.
 */
public final class RabbitNode {

    private static final Duration CTL_TIMEOUT = Duration.ofSeconds(60);
    /** The installation's tools: RabbitCli's choice (e.g. RabbitMQ 4 through tools/rabbitmq4), else this machine's. */
    private static final String SERVER = RabbitCli.ownInstallation() ? RabbitCli.tool("rabbitmq-server").get(0)
            : Files.isExecutable(Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server"))
            ? "/usr/lib/rabbitmq/bin/rabbitmq-server" : "rabbitmq-server";

    private final String shortName;
    private final int amqpPort;
    private final int distPort;
    private final Path dir;

    public RabbitNode(String shortName, int amqpPort, int distPort) {
        this.shortName = shortName;
        this.amqpPort = amqpPort;
        this.distPort = distPort;
        this.dir = Path.of("/tmp", "roger-chaos-" + shortName);
    }

    /** The Erlang node name, e.g. {@code rogerchaos@localhost}. */
    public String nodeName() {
        return shortName + "@localhost";
    }

    /** {@code 127.0.0.1:<port>}: the node's AMQP listener. */
    public String amqpAddress() {
        return "127.0.0.1:" + amqpPort;
    }

    public int amqpPort() {
        return amqpPort;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Stops a node of this name an earlier run may have left, empties its directory, starts it
     * and waits until it runs.
     */
    public void startFresh(Duration timeout) {
        stop();
        deleteTree(dir);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.local = " + amqpAddress() + "\n");
            Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
        } catch (IOException e) {
            throw new ChaosFailure("Cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        if (runsAsRoot()) {
            Command.require(List.of("chown", "-R", "rabbitmq:rabbitmq", dir.toString()), CTL_TIMEOUT);
        }
        launch();
        awaitRunning(timeout);
    }

    /** Starts the node again on its existing data (after {@link #kill9()}); returns once it was launched. */
    public void launch() {
        String env = "RABBITMQ_NODENAME=" + nodeName()
                + " RABBITMQ_CONFIG_FILE=" + dir.resolve("rabbitmq.conf")
                + " RABBITMQ_MNESIA_BASE=" + dir.resolve("mnesia")
                + " RABBITMQ_LOG_BASE=" + dir.resolve("log")
                + " RABBITMQ_ENABLED_PLUGINS_FILE=" + dir.resolve("enabled_plugins")
                + " RABBITMQ_DIST_PORT=" + distPort;
        String script = "cd /var/lib/rabbitmq 2>/dev/null; " + env + " exec " + SERVER + " -detached";
        // An installation of its own switches to its rabbitmq user itself.
        List<String> command = runsAsRoot() && !RabbitCli.ownInstallation()
                ? List.of("su", "rabbitmq", "-s", "/bin/sh", "-c", script) : List.of("/bin/sh", "-c", script);
        Command.require(command, CTL_TIMEOUT);
    }

    /** Waits until the node answers and its RabbitMQ application runs. */
    public void awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Command.Result last;
        do {
            last = Command.run(ctlCommand(List.of("await_startup", "--timeout", "10")), CTL_TIMEOUT);
            if (last.ok()) {
                return;
            }
            Pause.of(Duration.ofMillis(500));
        } while (System.nanoTime() < deadline);
        throw new ChaosFailure("RabbitMQ node " + nodeName() + " did not start within " + timeout.toSeconds()
                + " s: " + Command.abbreviate(last.output()) + " (logs in " + dir.resolve("log") + ")");
    }

    /** Whether the node answers (its Erlang VM runs, whatever its application does). */
    public boolean answers() {
        return Command.run(ctlCommand(List.of("ping")), CTL_TIMEOUT).ok();
    }

    /** The operating system's id of the node's Erlang VM (beam.smp). */
    public long pid() {
        return ctlJsonObject("status").getJsonNumber("pid").longValue();
    }

    /**
     * Kills the node's Erlang VM with SIGKILL, as {@code kill -9} does, and waits until it is gone.
     *
     * @return the killed process's id
     */
    public long kill9() {
        long pid = pid();
        ProcessHandle handle = ProcessHandle.of(pid)
                .orElseThrow(() -> new ChaosFailure("No process " + pid + " for RabbitMQ node " + nodeName()));
        handle.destroyForcibly();
        awaitGone(handle, Duration.ofSeconds(30));
        return pid;
    }

    /** Stops the node (the whole VM) if it answers, and waits until its process is gone. Idempotent. */
    public void stop() {
        if (!answers()) {
            return;
        }
        Optional<ProcessHandle> process;
        try {
            process = ProcessHandle.of(pid());
        } catch (ChaosFailure e) {
            process = Optional.empty(); // the application is stopped: status needs it; stop anyway
        }
        Command.run(ctlCommand(List.of("stop")), CTL_TIMEOUT);
        process.ifPresent(p -> awaitGone(p, Duration.ofSeconds(60)));
    }

    /** {@code rabbitmqctl -n <node> -q <args>}; returns the output. @throws ChaosFailure when it fails */
    public String ctl(String... args) {
        return Command.require(ctlCommand(List.of(args)), CTL_TIMEOUT);
    }

    /** {@code rabbitmq-queues -n <node> -q <args>}; returns the output. @throws ChaosFailure when it fails */
    public String queuesCtl(String... args) {
        List<String> command = new ArrayList<>(RabbitCli.tool("rabbitmq-queues"));
        command.addAll(List.of("-n", nodeName(), "-q"));
        command.addAll(List.of(args));
        return Command.require(command, CTL_TIMEOUT);
    }

    /** A {@code rabbitmqctl} listing as JSON (the {@code --formatter json} output). */
    public JsonArray ctlJson(String... args) {
        return ctlJsonAs(JsonArray.class, args);
    }

    private JsonObject ctlJsonObject(String... args) {
        return ctlJsonAs(JsonObject.class, args);
    }

    private <T extends JsonStructure> T ctlJsonAs(Class<T> type, String... args) {
        String out = ctl(withJson(args));
        try (JsonReader reader = Json.createReader(new StringReader(out))) {
            return type.cast(reader.read());
        } catch (RuntimeException e) {
            throw new ChaosFailure("rabbitmqctl " + args[0] + " on " + nodeName() + " printed no JSON "
                    + type.getSimpleName() + ": " + Command.abbreviate(out), e);
        }
    }

    private static String[] withJson(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--formatter";
        all[args.length + 1] = "json";
        return all;
    }

    private List<String> ctlCommand(List<String> args) {
        List<String> command = new ArrayList<>(RabbitCli.tool("rabbitmqctl"));
        command.addAll(List.of("-n", nodeName(), "-q"));
        command.addAll(args);
        return command;
    }

    private static void awaitGone(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new ChaosFailure("Process " + process.pid() + " still runs " + timeout.toSeconds()
                        + " s after it was stopped");
            }
            Pause.of(Duration.ofMillis(100));
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new ChaosFailure("Cannot empty " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return nodeName() + " (AMQP " + amqpPort + ")";
    }
}
