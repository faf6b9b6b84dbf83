package dev.roger.bench.node;

import dev.roger.api.PartitionSpec;
import dev.roger.bench.BenchFailure;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The launcher's side of the benchmark WAR's endpoints: what its job beans recorded, the node's
 * heap, and starting or stopping partitions inside the node (only code in the server can).
 */
public final class BenchApp {

    /** One partition's counts since the last reset. */
    public record PartitionStats(long started, long done, long failed, long lastDoneMicros) {
    }

    /** A reading of the stats endpoint. */
    public record Stats(int running, int peakRunning, Map<String, PartitionStats> partitions) {

        public PartitionStats of(String partition) {
            return partitions.getOrDefault(partition, new PartitionStats(0, 0, 0, 0));
        }
    }

    /** When a run of application writes (case 10) began and ended, epoch microseconds. */
    public record Writes(long startMicros, long endMicros) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A full run of plain enqueues, one confirm each, from one thread takes about a minute here. */
    private static final Duration WRITES_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration PARTITIONS_TIMEOUT = Duration.ofMinutes(2);

    /**
     * HTTP/1.1: by default the client asks a plain-HTTP server to upgrade to HTTP/2, and a request
     * sent so to a Payara still starting was seen to hang past its timeout (two nodes booting at once).
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final String base;

    BenchApp(int port) {
        this.base = "http://127.0.0.1:" + port + "/roger-bench";
    }

    /** Whether the application answers: then the RAR and the WAR are deployed. */
    boolean isUp() {
        try {
            stats(List.of());
            return true;
        } catch (BenchFailure e) {
            return false;
        }
    }

    public Stats stats(List<String> partitions) {
        JsonObject o = get("/stats?partition=" + String.join(",", partitions), TIMEOUT);
        Map<String, PartitionStats> byPartition = new LinkedHashMap<>();
        o.getJsonObject("partitions").forEach((name, v) -> {
            JsonObject p = v.asJsonObject();
            byPartition.put(name, new PartitionStats(p.getJsonNumber("started").longValue(),
                    p.getJsonNumber("done").longValue(), p.getJsonNumber("failed").longValue(),
                    p.getJsonNumber("lastDoneMicros").longValue()));
        });
        return new Stats(o.getInt("running"), o.getInt("peakRunning"), byPartition);
    }

    public Stats stats(String partition) {
        return stats(List.of(partition));
    }

    /** Every enqueue-to-start latency of the partition's jobs since the last reset, in microseconds. */
    public long[] latenciesMicros(String partition) {
        JsonArray a = get("/latencies?partition=" + partition, TIMEOUT).getJsonArray("micros");
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.getJsonNumber(i).longValue();
        }
        return out;
    }

    public void reset() {
        post("/reset", "", TIMEOUT);
    }

    /** Heap in use, in bytes; after a full collection when {@code gc}. */
    public long heapUsedBytes(boolean gc) {
        return get("/heap?gc=" + gc, TIMEOUT).getJsonNumber("usedBytes").longValue();
    }

    /** Starts the partitions in the node; returns how long the node took, in milliseconds. */
    public long startPartitions(List<PartitionSpec> specs) {
        return startPartitions(specs, PARTITIONS_TIMEOUT);
    }

    /** Starts the partitions in the node, waiting at most {@code timeout} for it to answer. */
    public long startPartitions(List<PartitionSpec> specs, Duration timeout) {
        String body = specs.stream().map(PartitionSpec::toString).collect(Collectors.joining("\n"));
        return post("/partitions?action=start", body, timeout).getJsonNumber("millis").longValue();
    }

    /** Stops the partitions in the node; returns how long the node took, in milliseconds. */
    public long stopPartitions(List<String> ids) {
        return post("/partitions?action=stop", String.join("\n", ids), PARTITIONS_TIMEOUT)
                .getJsonNumber("millis").longValue();
    }

    /**
     * Has the application write {@code n} no-op jobs from one thread ({@code OutboxServlet}):
     * {@code mode} {@code outbox}, {@code after-commit} or {@code plain}, {@code batch} per
     * transaction, {@code pauseMillis} between transactions.
     */
    public Writes write(String mode, String partition, int n, int batch, long pauseMillis) {
        JsonObject o = post("/outbox?mode=" + mode + "&partition=" + partition + "&n=" + n + "&batch=" + batch
                + "&pauseMillis=" + pauseMillis, "", WRITES_TIMEOUT);
        return new Writes(o.getJsonNumber("startMicros").longValue(), o.getJsonNumber("endMicros").longValue());
    }

    private JsonObject get(String path, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build());
    }

    private JsonObject post(String path, String body, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonObject send(HttpRequest request) {
        try {
            HttpResponse<String> response = Calls.within(http, request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new BenchFailure(request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + ": " + response.body().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip());
            }
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readObject();
            }
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            throw new BenchFailure(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("Interrupted while calling " + request.uri(), e);
        }
    }
}
