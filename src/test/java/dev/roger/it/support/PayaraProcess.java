package dev.roger.it.support;

import dev.roger.testing.TestBroker;
import dev.roger.testing.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Payara Micro node started by a test as a separate JVM, for what Arquillian cannot do: watch a
 * deployment fail, or kill a node in the middle of a job. The RAR is always deployed first.
 */
public final class PayaraProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private PayaraProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts a node with the RAR and then the given WARs, and waits until it is ready. */
    public static PayaraProcess start(String name, Path... wars) throws IOException {
        return start(name, TestBroker.uri(), wars);
    }

    /** Starts a node whose adapter uses the broker at {@code brokerUri}. */
    public static PayaraProcess start(String name, String brokerUri, Path... wars) throws IOException {
        return start(name, brokerUri, java.util.Map.of(), wars);
    }

    /**
     * Starts a node whose adapter has the given configuration properties (set by a post-boot
     * command, which Payara runs before deploying the archives).
     */
    public static PayaraProcess start(String name, String brokerUri, java.util.Map<String, String> adapterConfig,
                                      Path... wars) throws IOException {
        return start(name, brokerUri, adapterConfig, List.of(), wars);
    }

    /**
     * Starts a node as above that also runs {@code postBootCommands} (asadmin commands, one a line,
     * such as {@code create-file-user}) before deploying the archives.
     */
    public static PayaraProcess start(String name, String brokerUri, java.util.Map<String, String> adapterConfig,
                                      List<String> postBootCommands, Path... wars) throws IOException {
        Path work = PayaraMicro.dir().resolve("nodes").resolve(name);
        // A reused root directory makes Payara redeploy the previous run's applications first.
        deleteRecursively(work);
        Files.createDirectories(work);
        Path log = work.resolve("payara.log");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(PayaraMicro.nodeJvmOptions());
        cmd.add("-Droger.amqp.uri=" + brokerUri);
        int port = freePort();
        cmd.addAll(List.of("-jar", PayaraMicro.microJar().toString(), "--nocluster", "--port", Integer.toString(port),
                "--rootDir", work.resolve("root").toString(), "--deploy", PayaraMicro.rar().toString()));
        for (Path war : wars) {
            cmd.addAll(List.of("--deploy", war.toString()));
        }
        List<String> postBoot = new ArrayList<>();
        if (!adapterConfig.isEmpty()) {
            postBoot.add("create-resource-adapter-config --property " + String.join(":",
                    adapterConfig.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()) + " roger-ra");
        }
        postBoot.addAll(postBootCommands);
        if (!postBoot.isEmpty()) {
            Path file = work.resolve("postboot.txt");
            Files.writeString(file, String.join("\n", postBoot) + "\n");
            cmd.addAll(List.of("--postbootcommandfile", file.toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PayaraProcess node = new PayaraProcess(p, log, port);
        try {
            // Generous: on a 2-core machine shared with other test runs a boot took over 120 s.
            Await.until("Payara Micro " + name + " ready (log: " + log + ")", Duration.ofSeconds(300), () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("Payara Micro " + name + " exited with " + p.exitValue() + "; log: " + log);
                }
                return node.log().contains(" ready in ");
            });
        } catch (AssertionError e) {
            node.close();
            throw e;
        }
        return node;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The node's HTTP port. */
    public int port() {
        return port;
    }

    /** Everything the node printed so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Stops the JVM as an orchestrator would (SIGTERM: shutdown hooks run, applications are
     * undeployed) and waits for it to exit.
     *
     * @return whether it exited within {@code timeout}
     */
    public boolean terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Sends SIGTERM and returns at once, to watch the node while it shuts down; see {@link #awaitExit}. */
    public void signalTerminate() {
        process.destroy();
    }

    /** @return whether the JVM exited within {@code timeout} */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Kills the JVM at once (SIGKILL): no shutdown hooks, no acks, no clean close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
