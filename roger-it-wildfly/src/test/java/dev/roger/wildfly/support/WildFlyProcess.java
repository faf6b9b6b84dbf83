package dev.roger.wildfly.support;

import dev.roger.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * A second WildFly, started by a test rather than by Arquillian (one Arquillian container per
 * suite is enough for the rest): {@code bin/standalone.sh} on node 2's prepared base directory
 * with its own port offset, the applications dropped into its {@code deployments} directory before
 * the boot, as a user would. Stopped with SIGTERM, which WildFly takes as a graceful shutdown.
 */
public final class WildFlyProcess implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WildFlyProcess.class.getName());

    private final Process process;
    private final int node;

    private WildFlyProcess(Process process, int node) {
        this.process = process;
        this.node = node;
    }

    /** Starts node {@code node} on {@code serverConfig} with {@code app} (a WAR or an EAR) deployed; returns once its servlet answers. */
    public static WildFlyProcess start(int node, String serverConfig, Archive<?> app, String servletPath, Duration timeout) {
        return start(node, serverConfig, app, servletPath, timeout, java.util.Map.of());
    }

    /**
     * As {@link #start(int, String, Archive, String, Duration)}, with more system properties
     * (e.g. the adapter's {@code roger.statePersister}, read by the RAR's ironjacamar.xml).
     */
    public static WildFlyProcess start(int node, String serverConfig, Archive<?> app, String servletPath, Duration timeout,
            java.util.Map<String, String> properties) {
        return start(node, serverConfig, List.of(app), servletPath, timeout, properties);
    }

    /** As above, with several applications deployed (e.g. roger-console.war beside a job application). */
    public static WildFlyProcess start(int node, String serverConfig, List<? extends Archive<?>> apps, String servletPath,
            Duration timeout, java.util.Map<String, String> properties) {
        Path base = WildFly.baseDir(node);
        try {
            for (Archive<?> app : apps) {
                app.as(ZipExporter.class).exportTo(base.resolve("deployments").resolve(app.getName()).toFile(), true);
            }
            List<String> command = new ArrayList<>(List.of(
                    WildFly.home().resolve("bin/standalone.sh").toString(),
                    "-c", serverConfig));
            // standalone.sh takes -D options as system properties; its JVM options (heap) come from standalone.conf.
            List.of(WildFly.jvmOptions(node, System.getProperty("roger.amqp.uri")).split(" ")).stream()
                    .filter(o -> o.startsWith("-D")).forEach(command::add);
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(base.resolve("console.log").toFile());
            pb.environment().put("JBOSS_HOME", WildFly.home().toString());
            WildFlyProcess server = new WildFlyProcess(pb.start(), node);
            Http http = new Http("http://127.0.0.1:" + WildFly.httpPort(node) + "/");
            try {
                Await.until("WildFly node " + node + " serves " + servletPath, timeout, () -> {
                    if (!server.process.isAlive()) {
                        throw new AssertionError("WildFly node " + node + " exited: see " + base.resolve("console.log"));
                    }
                    // The deployment scanner's marker of a failed deployment holds the reason.
                    for (Archive<?> app : apps) {
                        Path failed = base.resolve("deployments").resolve(app.getName() + ".failed");
                        if (java.nio.file.Files.exists(failed)) {
                            throw new AssertionError("WildFly node " + node + " failed to deploy " + app.getName() + ": "
                                    + readQuietly(failed));
                        }
                    }
                    try {
                        return http.get(servletPath).status() == 200;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                });
            } catch (RuntimeException | AssertionError e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start WildFly node " + node, e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The server's log lines since this boot began. */
    public List<String> logSinceBoot() {
        return WildFly.logSinceBoot(node);
    }

    @Override
    public void close() {
        // standalone.sh runs the server JVM as its child: signal that one, then the script.
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            for (ProcessHandle child : children) {
                child.onExit().get(60, TimeUnit.SECONDS);
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "WildFly node {0} did not stop in time; killing it: {1}", node, e.toString());
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
