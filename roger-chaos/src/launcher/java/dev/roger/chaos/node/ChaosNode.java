package dev.roger.chaos.node;

import dev.roger.chaos.ChaosFailure;
import dev.roger.chaos.app.ChaosJobs;
import dev.roger.demo.launcher.DemoFailure;
import dev.roger.demo.launcher.FreePort;
import dev.roger.demo.launcher.PayaraMicro;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Payara Micro node of the suite, running Roger's RAR and the chaos WAR, across its restarts:
 * each start is a new process (an incarnation, labelled {@code a-1}, {@code a-2}, ...) with its
 * own log and root directory, so the log of a node that was killed or stopped stays for reading.
 * The process control is the demo launcher's {@link PayaraMicro}; the RAR is deployed by a
 * post-boot command file, so it comes before the WAR.
 */
public final class ChaosNode {

    /** Generous: on two cores shared with other work, three nodes booting at once took over 4 minutes. */
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Path dir;
    private final String amqpUri;
    private final String jdbcUrl;
    private final List<Path> logs = new ArrayList<>();
    private final Map<Long, String> labelsByPid = new ConcurrentHashMap<>();
    private volatile PayaraMicro current;
    private volatile String label;
    private volatile URI health;
    private volatile String lastHealth = "nothing yet";
    private int starts;

    /**
     * @param dir     holds payara-micro.jar, roger-ra.rar and roger-chaos.war; logs go there too
     * @param amqpUri the adapter's broker (several members for a cluster)
     * @param jdbcUrl the database the WAR records executions in
     */
    public ChaosNode(String name, Path dir, String amqpUri, String jdbcUrl) {
        this.name = name;
        this.dir = dir;
        this.amqpUri = amqpUri;
        this.jdbcUrl = jdbcUrl;
    }

    /** Starts a new incarnation of the node; returns once its JVM was launched (see {@link #awaitUp()}). */
    public synchronized void start() {
        // After kill9 or terminate saw the process gone, the JDK's reaper may take a moment more to
        // mark its Process as exited (seen twice in CI: "node b-1 still runs" right after a kill -9).
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (current != null && current.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (current != null && current.isAlive()) {
            throw new IllegalStateException("node " + label + " still runs");
        }
        starts++;
        label = name + "-" + starts;
        int port = FreePort.find();
        try {
            PayaraMicro.requireFiles(dir, List.of("payara-micro.jar", "roger-ra.rar", "roger-chaos.war"),
                    "Run the suite through Maven, which copies them there: "
                            + "mvn -q -pl roger-chaos -am package -Pchaos -DskipTests");
            Path postBoot = dir.resolve(label + "-postboot.txt");
            // Named roger-ra: the application's connection factory names the adapter so.
            Files.writeString(postBoot, "deploy --name roger-ra " + dir.resolve("roger-ra.rar") + "\n");
            current = PayaraMicro.start(dir, label, port, amqpUri,
                    // C1 only: the suite checks outcomes, not speed, and it halves a boot's CPU (measured
                    // here: 28 s of CPU to a deployed application with both compilers, 13 s with C1).
                    List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-D" + ChaosJobs.NODE_PROPERTY + "=" + label,
                            "-D" + ChaosJobs.JDBC_URL_PROPERTY + "=" + jdbcUrl),
                    List.of("--postbootcommandfile", postBoot.toString(), "--deploy", "roger-chaos.war"));
        } catch (IOException | DemoFailure e) {
            throw new ChaosFailure("Cannot start Payara Micro node " + label + ": " + e.getMessage(), e);
        }
        logs.add(current.log());
        labelsByPid.put(current.pid(), label);
        health = URI.create("http://127.0.0.1:" + port + "/roger-chaos/health");
    }

    /**
     * Waits until the current incarnation's application answers.
     *
     * @return how long it took from now
     * @throws ChaosFailure with the log's tail when it exits or the time is up
     */
    public Duration awaitUp() {
        PayaraMicro node = current;
        try {
            return node.awaitReady(this::answers, BOOT_TIMEOUT);
        } catch (DemoFailure e) {
            throw new ChaosFailure("Payara Micro node " + label + " (" + health + " last answered: " + lastHealth + "): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosFailure("Interrupted while node " + label + " boots", e);
        }
    }

    /**
     * Whether the current incarnation runs and its application answers. A new plain HTTP
     * connection each time: a shared client once stopped answering for good after the node it
     * had talked to was killed.
     */
    public boolean answers() {
        PayaraMicro node = current;
        if (node == null || !node.isAlive()) {
            return false;
        }
        HttpURLConnection http = null;
        try {
            http = (HttpURLConnection) health.toURL().openConnection();
            http.setConnectTimeout((int) HTTP_TIMEOUT.toMillis());
            http.setReadTimeout((int) HTTP_TIMEOUT.toMillis());
            http.setUseCaches(false);
            int status = http.getResponseCode();
            lastHealth = "HTTP " + status;
            return status == 200;
        } catch (IOException e) {
            lastHealth = e.toString();
            return false;
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
    }

    /** Whether the current incarnation's JVM runs. */
    public boolean isAlive() {
        PayaraMicro node = current;
        return node != null && node.isAlive();
    }

    /** Kills the current incarnation with SIGKILL ({@code kill -9}) and waits until it is gone. */
    public void kill9() {
        ProcessHandle process = handle();
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(30));
    }

    /**
     * Sends SIGTERM to the current incarnation (a graceful shutdown, as {@code kill} or a container
     * stop does) and waits up to {@code grace} for it to exit, then kills it.
     */
    public Termination terminate(Duration grace) {
        ProcessHandle process = handle();
        long start = System.nanoTime();
        process.destroy();
        boolean exited = awaitExit(process, grace);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!exited) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(30));
        }
        return new Termination(label, took, !exited);
    }

    /**
     * How a SIGTERM went.
     *
     * @param label  the incarnation stopped
     * @param took   from the signal until the process exited (or the grace ran out)
     * @param forced whether it had to be killed after the grace period
     */
    public record Termination(String label, Duration took, boolean forced) {
    }

    private ProcessHandle handle() {
        PayaraMicro node = current;
        if (node == null || !node.isAlive()) {
            throw new ChaosFailure("node " + label + " does not run");
        }
        return ProcessHandle.of(node.pid()).orElseThrow(() -> new ChaosFailure("node " + label + " has no process"));
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Stops the current incarnation, if it runs (SIGTERM, then SIGKILL after a grace period). */
    public void stop() {
        PayaraMicro node = current;
        if (node != null) {
            try {
                node.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String name() {
        return name;
    }

    /** The current incarnation, e.g. {@code a-2}. */
    public String label() {
        return label;
    }

    /** The current incarnation's log. */
    public Path log() {
        return current.log();
    }

    /** Every incarnation's log, oldest first. */
    public List<Path> logs() {
        return List.copyOf(logs);
    }

    /** Every incarnation's label by its process id (Roger's default node name is {@code host:pid}). */
    public Map<Long, String> labelsByPid() {
        return Map.copyOf(labelsByPid);
    }

    /** The current incarnation's last log lines. */
    public String tail() {
        return current == null ? "" : current.tail();
    }
}
