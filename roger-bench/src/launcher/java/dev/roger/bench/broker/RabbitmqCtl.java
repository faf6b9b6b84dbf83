package dev.roger.bench.broker;

import dev.roger.bench.BenchFailure;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What only the broker itself can tell, asked through {@code rabbitmqctl} (JSON output): which
 * queues have consumers, and how many connections and channels each client holds. AMQP cannot list
 * queues, and the management plugin may be off; rabbitmqctl works wherever the broker is local.
 */
public final class RabbitmqCtl {

    /** A queue's name, consumers, messages and the memory its process holds (bytes). */
    public record QueueInfo(String name, int consumers, long messages, long memoryBytes) {
    }

    /** A client connection: its client-provided name (may be empty) and open channels. */
    public record ConnectionInfo(String name, int channels) {
    }

    /**
     * The broker process and its file-descriptor budget as RabbitMQ accounts it: each quorum queue
     * takes three, and once the total passes the limit the broker accepts no new connection.
     */
    public record Status(long pid, int fdUsed, int fdLimit, int socketsUsed, int socketsLimit) {
    }

    private static final long TIMEOUT_SECONDS = 120;

    /** The broker's OS process id and file-descriptor use. */
    public Status status() {
        JsonObject s;
        String out = run("status");
        try (JsonReader reader = Json.createReader(new StringReader(out))) {
            s = reader.readObject();
        } catch (RuntimeException e) {
            throw new BenchFailure("rabbitmqctl status printed no JSON object: " + abbreviate(out), e);
        }
        JsonObject fd = s.getJsonObject("file_descriptors");
        return new Status(s.getJsonNumber("pid").longValue(), fd.getInt("total_used"), fd.getInt("total_limit"),
                fd.getInt("sockets_used"), fd.getInt("sockets_limit"));
    }

    /** The queues whose names start with {@code prefix}. */
    public List<QueueInfo> queues(String prefix) {
        return queues(runJson("list_queues", "name", "consumers", "messages", "memory"), prefix);
    }

    /** The entries of {@code list_queues} output whose names start with {@code prefix}. */
    static List<QueueInfo> queues(JsonArray listQueues, String prefix) {
        List<QueueInfo> out = new ArrayList<>();
        for (JsonValue v : listQueues) {
            JsonObject q = v.asJsonObject();
            String name = q.getString("name");
            if (name.startsWith(prefix)) {
                out.add(new QueueInfo(name, q.getInt("consumers", 0), count(q, "messages"), count(q, "memory")));
            }
        }
        return out;
    }

    /** A counter of list_queues; a queue that is down or still starting shows none, which counts as 0. */
    private static long count(JsonObject q, String key) {
        JsonValue v = q.get(key);
        return v instanceof JsonNumber n ? n.longValue() : 0;
    }

    /**
     * The queues whose names start with {@code prefix} and that have at least one consumer now.
     * From {@code list_consumers}, which is live: {@code list_queues} reports quorum queues'
     * consumer counts from statistics that lag by up to the stats interval (5 s).
     */
    public Set<String> consumedQueues(String prefix) {
        return consumedQueues(prefix, 1);
    }

    /** The queues whose name starts with {@code prefix} that have at least {@code consumers} consumers. */
    public Set<String> consumedQueues(String prefix, int consumers) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonValue v : runJson("list_consumers", "queue_name")) {
            String name = v.asJsonObject().getString("queue_name", "");
            if (name.startsWith(prefix)) {
                counts.merge(name, 1, Integer::sum);
            }
        }
        Set<String> out = new HashSet<>();
        counts.forEach((name, n) -> {
            if (n >= consumers) {
                out.add(name);
            }
        });
        return out;
    }

    /** Every client connection. */
    public List<ConnectionInfo> connections() {
        List<ConnectionInfo> out = new ArrayList<>();
        for (JsonValue v : runJson("list_connections", "client_properties", "channels")) {
            JsonObject c = v.asJsonObject();
            out.add(new ConnectionInfo(connectionName(c.get("client_properties")), c.getInt("channels", 0)));
        }
        return out;
    }

    /** client_properties comes as [[key, type, value], ...]. */
    static String connectionName(JsonValue properties) {
        if (properties == null || properties.getValueType() != JsonValue.ValueType.ARRAY) {
            return "";
        }
        for (JsonValue p : properties.asJsonArray()) {
            JsonArray kv = p.asJsonArray();
            if (kv.size() == 3 && "connection_name".equals(kv.getString(0, ""))) {
                return kv.getString(2, "");
            }
        }
        return "";
    }

    private JsonArray runJson(String... command) {
        String out = run(command);
        try (JsonReader reader = Json.createReader(new StringReader(out))) {
            return reader.readArray();
        } catch (RuntimeException e) {
            throw new BenchFailure("rabbitmqctl " + String.join(" ", command) + " printed no JSON list: "
                    + abbreviate(out), e);
        }
    }

    private String run(String... command) {
        List<String> cmd = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        cmd.addAll(List.of(command));
        cmd.addAll(List.of("--formatter", "json"));
        Path output = null;
        try {
            // To a file rather than a pipe: waiting with a deadline needs no reader thread, and a full pipe cannot block it.
            output = Files.createTempFile("rabbitmqctl", ".json");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BenchFailure("rabbitmqctl " + command[0] + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new BenchFailure("rabbitmqctl " + command[0] + " failed (exit " + p.exitValue() + "): "
                        + abbreviate(out));
            }
            return out;
        } catch (IOException e) {
            throw new BenchFailure("Cannot run rabbitmqctl (" + e.getMessage() + "): the many-tenants case and the "
                    + "clean-up need it, on the broker's machine, as a user allowed to use it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("Interrupted while running rabbitmqctl", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A stray temp file is harmless.
                }
            }
        }
    }

    private static String abbreviate(String s) {
        String oneLine = s.strip().replace('\n', ' ');
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
