package dev.roger.it.console;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls the console's API over HTTP as one of the test's users, the way curl would. */
final class ConsoleHttp {

    /** A caller: BASIC credentials, or none. */
    enum User {
        ADMIN("alice", "alice-pw"), VIEWER("victor", "victor-pw"), NONE(null, null);

        final String name;
        final String password;

        User(String name, String password) {
            this.name = name;
            this.password = password;
        }
    }

    /** An answer: status and body. */
    record Answer(int status, String body) {
        JsonObject object() {
            return (JsonObject) json();
        }

        JsonArray array() {
            return (JsonArray) json();
        }

        private JsonStructure json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /**
     * The post-boot commands that make {@link User#ADMIN} (group roger-admin) and {@link User#VIEWER}
     * (roger-viewer) in the file realm, their password files written to {@code dir}.
     */
    static List<String> postBootUsers(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> commands = new ArrayList<>();
        for (var user : List.of(java.util.Map.entry(User.ADMIN, "roger-admin"), java.util.Map.entry(User.VIEWER, "roger-viewer"))) {
            Path pw = dir.resolve(user.getKey().name + ".pw");
            Files.writeString(pw, "AS_ADMIN_USERPASSWORD=" + user.getKey().password + "\n");
            commands.add("create-file-user --groups " + user.getValue() + " --passwordfile " + pw + " " + user.getKey().name);
        }
        return commands;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** @param base e.g. {@code http://127.0.0.1:8080/roger-console/api} */
    ConsoleHttp(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    Answer get(User user, String path) {
        return send(user, "GET", path, null, Map.of());
    }

    /** A change as the API expects it from a script: with {@code X-Roger-Request}, JSON body if any. */
    Answer change(User user, String method, String path, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Roger-Request", "1");
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        return send(user, method, path, json, headers);
    }

    Answer change(User user, String method, String path) {
        return change(user, method, path, null);
    }

    Answer send(User user, String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        if (user.name != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user.name + ":" + user.password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
