package dev.roger.itps;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Server domain of the test's own, driven with {@code asadmin} as an operator would:
 * created under the test's work directory on a port base no other process uses (Payara Micro
 * test nodes, another engineer's server), started, configured, and always stopped.
 */
final class PayaraServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PayaraServer.class.getName());
    /** Offsets from the port base that create-domain assigns (admin 48, HTTP 80, Hazelcast 49 and 59, ...). */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};

    private final Path home;
    private final Path domains;
    private final String domain;
    private final int portBase;
    private final Path log;
    private volatile boolean started;
    private final Thread stopAtExit = new Thread(this::stopQuietly, "stop-payara-server");

    private PayaraServer(Path home, Path domains, String domain, int portBase) {
        this.home = home;
        this.domains = domains;
        this.domain = domain;
        this.portBase = portBase;
        this.log = domains.resolve(domain).resolve("logs").resolve("server.log");
    }

    /**
     * Creates a fresh domain (any old one of that name is deleted) on the first port base from
     * {@code firstBase} on, in steps of 100, whose ports are all free.
     */
    static PayaraServer create(Path home, Path domains, String domain, int firstBase) throws IOException {
        if (Files.isDirectory(domains.resolve(domain))) {
            // A run killed before it could stop its domain leaves the server running from this
            // directory: stop it before deleting its files, or it lives on, orphaned.
            try {
                new PayaraServer(home, domains, domain, 0).run(Duration.ofSeconds(120), "stop-domain", "--kill=true",
                        "--domaindir", domains.toString(), domain);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "old domain " + domain + " was not running: " + e.getMessage());
            }
        }
        deleteRecursively(domains.resolve(domain));
        Files.createDirectories(domains);
        int base = firstBase;
        while (!allFree(base)) {
            base += 100;
            if (base > firstBase + 2000) {
                throw new IllegalStateException("no free Payara Server port base from " + firstBase);
            }
        }
        PayaraServer server = new PayaraServer(home, domains, domain, base);
        server.run(Duration.ofSeconds(180), "create-domain", "--domaindir", domains.toString(), "--portbase",
                Integer.toString(base), "--nopassword", "--checkports=true", domain);
        return server;
    }

    /** Starts the domain; the JVM's exit stops it too, should the test JVM end without {@link #close()}. */
    void start() throws IOException {
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        started = true;
        // Generous: start-domain took 11-12 s on an idle 2-core machine; the CI may run beside it.
        run(Duration.ofSeconds(300), "start-domain", "--domaindir", domains.toString(), domain);
    }

    /** Stops and starts the domain (for settings that only apply at boot). */
    void restart() throws IOException {
        run(Duration.ofSeconds(300), "restart-domain", "--domaindir", domains.toString(), domain);
    }

    /** Runs a remote asadmin command against this domain and returns its output; fails unless it succeeded. */
    String asadmin(String... command) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(adminPort())));
        args.addAll(List.of(command));
        return run(Duration.ofSeconds(300), args.toArray(String[]::new));
    }

    int adminPort() {
        return portBase + 48;
    }

    int httpPort() {
        return portBase + 80;
    }

    Path log() {
        return log;
    }

    /** The server log so far (for failure messages). */
    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // Already exiting: the hook runs or ran.
        }
    }

    private synchronized void stopQuietly() {
        if (!started) {
            return;
        }
        try {
            run(Duration.ofSeconds(120), "stop-domain", "--domaindir", domains.toString(), domain);
            started = false;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "stop-domain " + domain + " failed, killing it: " + e.getMessage());
            try {
                run(Duration.ofSeconds(60), "stop-domain", "--kill=true", "--domaindir", domains.toString(), domain);
                started = false;
            } catch (IOException | RuntimeException e2) {
                LOG.log(Level.ERROR, "Could not stop Payara Server domain " + domain + ": " + e2.getMessage());
            }
        }
    }

    private String run(Duration timeout, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin").resolve("asadmin").toString(),
                "--interactive=false", "--user", "admin"));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // asadmin and the server run on the JVM running the tests (Java 17), not whatever is on PATH.
        pb.environment().put("AS_JAVA", System.getProperty("java.home"));
        long began = System.nanoTime();
        Process p = pb.start();
        // Read while it runs: a full pipe would block asadmin.
        var out = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException ignored) {
                // The process ended.
            }
        });
        reader.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("asadmin " + String.join(" ", command) + " did not finish in " + timeout);
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted", e);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        LOG.log(Level.INFO, "asadmin {0} -> {1} in {2} ms: {3}", String.join(" ", command), p.exitValue(),
                (System.nanoTime() - began) / 1_000_000, text.strip());
        if (p.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + String.join(" ", command) + " failed (" + p.exitValue()
                    + "): " + text);
        }
        return text;
    }

    private static boolean allFree(int base) {
        for (int offset : PORT_OFFSETS) {
            try (ServerSocket s = new ServerSocket(base + offset, 1, InetAddress.getByName("0.0.0.0"))) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
