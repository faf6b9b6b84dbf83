package dev.roger.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Job;
import dev.roger.client.AmqpRogerClient;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.PayaraMicro;
import dev.roger.it.support.PayaraProcess;
import dev.roger.testing.TestBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node with {@code maxConcurrentJobs=2} and {@code channelsPerConnection=3}: never more than two
 * jobs at once, a calm partition's job does not wait behind a flooded partition's backlog, and six
 * consumer channels are spread over two connections.
 */
class NodeLimitsIT {

    private static final String NODE = "limits-" + ProcessHandle.current().pid();
    private static final List<String> QUEUES = List.of("flood-default", "calm-default", "wide-q1", "wide-q2",
            "wide-q3", "wide-q4");

    private static String timeline(PayaraProcess node) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + node.port() + "/limits/timeline")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    @Test
    void theNodeCapHoldsPartitionsTakeTurnsAndChannelsSpreadOverConnections() throws Exception {
        Path war = PayaraMicro.export(Deployments.war("limits", TimedJobBean.class, Timeline.class, TimelineServlet.class));
        try (Broker broker = Broker.connect(); AmqpRogerClient client = AmqpRogerClient.connect(TestBroker.uri());
             PayaraProcess node = PayaraProcess.start("limits", TestBroker.uri(),
                     Map.of("maxConcurrentJobs", "2", "channelsPerConnection", "3", "nodeName", NODE), war)) {
            for (String q : QUEUES) {
                Await.until(q + " consumed", Duration.ofSeconds(30), () -> broker.consumers(q) == 1);
            }
            List<Job> flood = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                flood.add(Job.builder("timed").args(400L).build());
            }
            client.enqueueAll("flood", flood);
            Await.until("the flood started", Duration.ofSeconds(30), () -> timeline(node).contains("starts=flood"));
            client.enqueue("calm", Job.builder("timed").args(1L).build());

            Await.until("all 41 jobs ran", Duration.ofSeconds(60),
                    () -> timeline(node).lines().filter(l -> l.startsWith("starts=")).findFirst()
                            .map(l -> l.split(",").length == 41).orElse(false));
            String report = timeline(node);
            assertTrue(report.startsWith("peak=2\n"), "at most and at least 2 at once: " + report);
            List<String> starts = List.of(report.substring(report.indexOf("starts=") + 7).split(","));
            int calmAt = java.util.stream.IntStream.range(0, starts.size()).filter(i -> starts.get(i).startsWith("calm"))
                    .findFirst().orElse(-1);
            // All 40 flood jobs (8 s of work at 2 at once, time for the calm job to arrive on a busy
            // machine) were prefetched and wait on the node; in first-come order the calm job
            // would start after all of them, taking turns it starts after at most two more.
            assertTrue(calmAt >= 0 && starts.size() - calmAt - 1 >= 20, "the calm job started with "
                    + (starts.size() - calmAt - 1) + " of the 40 flood jobs still to start: " + starts);

            Broker.connectionNames().ifPresent(names -> assertEquals(2,
                    names.stream().filter(n -> n.equals("roger@" + NODE) || n.startsWith("roger@" + NODE + "#")).count(),
                    "six consumer channels at three per connection: " + names));
        } finally {
            try (Broker broker = Broker.connect()) {
                broker.delete(QUEUES.toArray(String[]::new));
            }
        }
    }
}
