package dev.roger.wildfly.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Calls the test application's servlet from the test JVM (the tests run as clients). */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Http(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    public record Reply(int status, String body) {
    }

    /** GET {@code <base><path>?<params>} (params as name, value, name, value...). */
    public Reply get(String path, String... params) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            query.put(params[i], params[i + 1]);
        }
        String q = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base + path + (q.isEmpty() ? "" : "?" + q));
        Reply r = send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build());
        return new Reply(r.status(), r.body().strip());
    }

    /** Sends any request; its status and body. */
    public static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    /** GET that must answer 200; its body. */
    public String ok(String path, String... params) {
        Reply r = get(path, params);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.status() + ": " + r.body());
        }
        return r.body();
    }
}
