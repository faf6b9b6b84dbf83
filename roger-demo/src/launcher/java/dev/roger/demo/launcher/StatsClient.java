package dev.roger.demo.launcher;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the demo application's {@code /stats} endpoint. The counts come from the application's
 * own lifecycle events, so what the launcher shows is what Roger reported, not what the broker
 * guesses.
 */
final class StatsClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI uri;

    StatsClient(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/roger-demo/stats");
    }

    URI uri() {
        return uri;
    }

    /** Whether the application answers: then the RAR and the WAR are deployed. */
    boolean isUp() {
        try {
            read();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The current counts.
     *
     * @throws IOException when the application does not answer 200 with a JSON object
     */
    Stats read() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static Stats parse(String json) throws IOException {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            Map<String, Stats.Counts> counts = new TreeMap<>();
            for (Map.Entry<String, JsonValue> e : reader.readObject().entrySet()) {
                JsonObject c = e.getValue().asJsonObject();
                counts.put(e.getKey(), new Stats.Counts(c.getJsonNumber("runs").longValue(),
                        c.getJsonNumber("errors").longValue()));
            }
            return new Stats(counts);
        } catch (RuntimeException e) {
            // JSON-P reports bad input with unchecked exceptions of several kinds.
            throw new IOException("unexpected stats " + json + ": " + e.getMessage(), e);
        }
    }
}
