package dev.roger.wildfly.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the test servers are and how they are started: node 1 under Arquillian, node 2 by {@link WildFlyProcess}. */
public final class WildFly {

    static final int MANAGEMENT_PORT = 9990;
    static final int HTTP_PORT = 8080;

    private WildFly() {
    }

    public static Path home() {
        return Path.of(System.getProperty("wildfly.home"));
    }

    /** The base directory of a node, a fresh copy of the prepared one (prepare-wildfly.sh). */
    public static Path baseDir(int node) {
        return WildFlySession.arquillianDir().resolve("node" + node);
    }

    /**
     * Nodes 3 (JdbcStateIT), 4 (EarEmbeddedIT) and 5 (the console's tests) share node 2's ports:
     * none of them runs at once.
     */
    static int offset(int node) {
        return Integer.getInteger(node == 1 ? "wildfly.port.offset" : "wildfly.port.offset.node2", node == 1 ? 300 : 400);
    }

    public static int httpPort(int node) {
        return HTTP_PORT + offset(node);
    }

    public static int managementPort(int node) {
        return MANAGEMENT_PORT + offset(node);
    }

    /**
     * Adds a user of the application realm (the ApplicationDomain's properties files in the node's
     * configuration directory) with one group, as an operator does: {@code bin/add-user.sh -a}.
     */
    public static void addApplicationUser(int node, String user, String password, String group) {
        Path config = baseDir(node).resolve("configuration");
        try {
            Process p = new ProcessBuilder(home().resolve("bin/add-user.sh").toString(), "-a", "-u", user, "-p", password,
                    "-g", group, "-sc", config.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("add-user.sh " + user + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run add-user.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String nodeName(int node) {
        return "wildfly-" + node;
    }

    /** Node 1's cap on jobs at once, given as a system property like every adapter property on WildFly. */
    public static final int MAX_CONCURRENT_JOBS = 40;

    /**
     * The JVM options of a node. The adapter reads the broker from {@code roger.amqp.uri}, and any
     * of its properties from {@code roger.<name>}. Only the first JIT tier: the tests check outcomes,
     * and it cuts a boot's CPU (as for the Payara Micro test nodes).
     */
    static String jvmOptions(int node, String amqpUri) {
        return String.join(" ", List.of("-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Djboss.server.base.dir=" + baseDir(node),
                "-Djboss.socket.binding.port-offset=" + offset(node),
                "-Droger.amqp.uri=" + amqpUri,
                "-Droger.nodeName=" + nodeName(node),
                "-Droger.maxConcurrentJobs=" + MAX_CONCURRENT_JOBS,
                "-Djava.net.preferIPv4Stack=true"));
    }

    /** The lines the node's server.log has since its last boot began. */
    public static List<String> logSinceBoot(int node) {
        Path log = baseDir(node).resolve("log/server.log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            int start = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("WFLYSRV0049")) { // "WildFly ... starting"
                    start = i;
                }
            }
            return lines.subList(start, lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
