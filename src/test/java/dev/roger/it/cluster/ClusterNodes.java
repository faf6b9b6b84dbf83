package dev.roger.it.cluster;

import dev.roger.api.GlobalStateInfo;
import dev.roger.api.RogerClient;
import dev.roger.api.StateUnavailableException;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.PayaraMicro;
import dev.roger.it.support.PayaraProcess;
import dev.roger.it.support.Postgres;
import dev.roger.testing.TestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Payara Micro nodes of one cluster test, booted in parallel with one WAR and steered over
 * HTTP through its {@link NodeControlServlet} ({@code /<app>/control}), and what the test leaves
 * behind: on {@link #close()} the nodes stop, the queues {@linkplain #deleteQueues named} are
 * deleted and the {@code roger_state} rows of the partitions {@linkplain #forgetStates named}.
 */
final class ClusterNodes implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String app;
    private final Map<String, PayaraProcess> nodes = new LinkedHashMap<>();
    /** A node's JVM pid (what the jobs write) to its name. */
    private final Map<String, String> nodeOfPid = new ConcurrentHashMap<>();
    private final List<String> queues = new ArrayList<>();
    private final List<String> partitions = new ArrayList<>();

    /** @param app the WAR's name and context root; the nodes' names start with it */
    ClusterNodes(String app) {
        this.app = app;
    }

    /**
     * Exports {@code <app>.war} with these classes, the shared WAR-side ones ({@link NodeControlServlet},
     * {@link RunRecorder}, {@link RecordingJobBean}) and the PostgreSQL driver; boots one node per name in parallel, each with
     * its adapter configuration; then learns their pids. Throws the last failure once all have booted
     * or failed.
     */
    void boot(List<String> names, Function<String, Map<String, String>> configOf, Class<?>... classes)
            throws IOException {
        Path war = PayaraMicro.export(Deployments.war(app, classes)
                .addClasses(NodeControlServlet.class, RunRecorder.class, RecordingJobBean.class).addAsLibrary(Postgres.driverJar()));
        Map<String, CompletableFuture<PayaraProcess>> booting = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, String> config = configOf.apply(name);
            booting.put(name, CompletableFuture.supplyAsync(() -> {
                try {
                    return PayaraProcess.start(app + "-" + name, TestBroker.uri(), config, war);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        RuntimeException failed = null;
        for (Map.Entry<String, CompletableFuture<PayaraProcess>> b : booting.entrySet()) {
            try {
                nodes.put(b.getKey(), b.getValue().join());
            } catch (RuntimeException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
        for (String name : names) {
            nodeOfPid.put(control(name, "op=pid"), name);
        }
    }

    PayaraProcess node(String name) {
        return nodes.get(name);
    }

    /** The name of the node with this JVM pid; the pid itself when no node has it. */
    String nodeOfPid(String pid) {
        return nodeOfPid.getOrDefault(pid, pid);
    }

    /** GETs {@code /<app>/control?<query>} on a node; the body, or fails with the node's answer. */
    String control(String node, String query) {
        try {
            URI uri = URI.create("http://127.0.0.1:" + nodes.get(node).port() + "/" + app + "/control?" + query);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(node + " answered " + r.statusCode() + " to " + query + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts a partition on a node. */
    void start(String node, String spec) {
        control(node, "op=start&spec=" + URLEncoder.encode(spec, StandardCharsets.UTF_8));
    }

    /** Queues to delete on {@link #close()}. */
    void deleteQueues(String... names) {
        queues.addAll(List.of(names));
    }

    /** Partitions whose {@code roger_state} rows to delete on {@link #close()}. */
    void forgetStates(String... names) {
        partitions.addAll(List.of(names));
    }

    @Override
    public void close() {
        nodes.values().forEach(PayaraProcess::close);
        try (Broker broker = Broker.connect()) {
            broker.delete(queues.toArray(String[]::new));
        }
        try {
            for (String p : partitions) {
                Postgres.execute("delete from roger_state where partition_id = ?", p);
            }
        } catch (IllegalStateException noStateTable) {
            // The persister never created its table: nothing of ours in it.
        }
    }

    /** The partition's global state, once its owner answers. */
    static GlobalStateInfo state(dev.roger.client.AmqpRogerClient client, String p) {
        return Await.value("the global state of " + p + " answers", WAIT, () -> {
            try {
                return client.admin().globalState(p);
            } catch (StateUnavailableException e) {
                return null;
            }
        });
    }

    /** A column of the partition's row in {@code roger_state} as text; null while there is none. */
    static String stored(String column, String partition) {
        try {
            return Postgres.query("select " + column + " from roger_state where partition_id = ?",
                    rs -> rs.getString(1), partition).stream().findFirst().orElse(null);
        } catch (IllegalStateException noTableYet) {
            return null;
        }
    }
}
