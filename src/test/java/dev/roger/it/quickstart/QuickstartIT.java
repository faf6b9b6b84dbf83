package dev.roger.it.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.it.support.Await;
import dev.roger.it.support.Broker;
import dev.roger.it.support.PayaraMicro;
import dev.roger.it.support.PayaraProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The quickstart in {@code examples/quickstart}, as a new user runs it: Payara Micro with
 * {@code roger-ra.rar} and the quickstart's WAR, a POST to its endpoint, and the job's greeting in
 * the node's log.
 */
class QuickstartIT {

    @AfterAll
    static void deleteQueues() {
        try (Broker broker = Broker.connect()) {
            broker.delete("quickstart-default", "roger.owner.quickstart");
        }
    }

    @Test
    void aPostEnqueuesAWelcomeJobThatRuns() throws Exception {
        try (PayaraProcess node = PayaraProcess.start("quickstart", PayaraMicro.dir().resolve("quickstart.war"))) {
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + node.port() + "/quickstart/api/welcome?name=Ada"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, posted.statusCode(), posted.body());
            String id = posted.body().strip();
            assertTrue(id.matches("[a-z0-9]{32}"), "a job id: " + id);
            Await.until("the job greets Ada in the node's log", Duration.ofSeconds(30),
                    () -> node.log().contains("Job " + id + ": Hello, Ada!"));
        }
    }
}
