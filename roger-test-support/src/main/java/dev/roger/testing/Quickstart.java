package dev.roger.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * What a user of {@code examples/quickstart} does once it runs: POST to its endpoint, read the job
 * id, then look for the greeting in the server's log. The same on every server.
 */
public final class Quickstart {

    /** The queues the quickstart's partition leaves on the broker. */
    public static final String[] QUEUES = {"quickstart-default", "roger.owner.quickstart"};

    private Quickstart() {
    }

    /**
     * POSTs {@code welcome?name=...} under the application's base URL ({@code http://host:port/quickstart/})
     * and returns the id of the job it enqueued.
     *
     * @throws AssertionError when the answer is not 200 with a job id
     */
    public static String welcome(String base, String name) throws IOException, InterruptedException {
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "api/welcome?name=" + name))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String id = posted.body().strip();
        if (posted.statusCode() != 200 || !id.matches("[a-z0-9]{32}")) {
            throw new AssertionError("POST welcome answered " + posted.statusCode() + ": " + posted.body());
        }
        return id;
    }

    /** The line the job logs for {@code name}. */
    public static String greeting(String jobId, String name) {
        return "Job " + jobId + ": Hello, " + name + "!";
    }
}
