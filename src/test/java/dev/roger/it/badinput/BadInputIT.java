package dev.roger.it.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.JulCapture;
import dev.roger.it.support.Deployments;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input never crash-loops and never vanishes: each kind lands in the buried queue with its
 * reason, is logged at WARNING with the job id, and the consumer goes on with the next job.
 * (The tests' adapter config sets unknownTypeGraceSeconds=3.)
 */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("badinput", KnownJobBean.class, BrokenBean.class, Ran.class, JulCapture.class);
    }

    @Inject
    RogerClient roger;

    @Inject
    Ran ran;

    @Test
    void everyKindOfBadInputIsBuriedWithItsReasonAndLogged() {
        String n = Long.toString(System.nanoTime());
        try (Broker broker = Broker.connect(); JulCapture log = JulCapture.install("dev.roger", Level.WARNING)) {
            Await.until("bad-default consumed", WAIT, () -> broker.consumers("bad-default") == 1);
            broker.publish("bad-default", "notjson-" + n, "{not json".getBytes(StandardCharsets.UTF_8));
            broker.publish("bad-default", "noid-" + n, "{\"type\":\"known-job\"}".getBytes(StandardCharsets.UTF_8));
            broker.publish("bad-default", "notype-" + n, ("{\"id\":\"notype-" + n + "\"}").getBytes(StandardCharsets.UTF_8));
            Job unknown = roger.enqueue("bad", Job.builder("nobody-runs-this").args(1).build());
            Job broken = roger.enqueue("bad", Job.builder("broken-job").args(2).build());
            Job healthy = roger.enqueue("bad", Job.builder("known-job").args(3).build());

            List<GetResponse> buried = new ArrayList<>();
            Map<String, String> expected = Map.of(
                    "notjson-" + n, "undecodable job: payload is not valid JSON",
                    "noid-" + n, "undecodable job: job has no id",
                    "notype-" + n, "undecodable job: job has no type",
                    unknown.id(), "unknown job type 'nobody-runs-this': no message-driven bean on node",
                    broken.id(), "job failed");
            Await.until("all five in bad-default.buried", WAIT, () -> {
                buried.addAll(broker.drain("bad-default.buried"));
                return expected.keySet().stream().allMatch(id -> find(buried, id).isPresent());
            });
            expected.forEach((id, reason) -> {
                String header = find(buried, id).orElseThrow().getProps().getHeaders().get("x-roger-reason").toString();
                assertTrue(header.startsWith(reason), id + ": " + header);
                assertTrue(log.logged(id), "WARNING naming " + id);
            });
            assertEquals("{not json", new String(find(buried, "notjson-" + n).orElseThrow().getBody(),
                    StandardCharsets.UTF_8), "the payload is kept as it came");

            Await.until("the healthy job behind them ran", WAIT, () -> ran.contains(healthy.id()));
            assertEquals(1, broker.consumers("bad-default"), "the consumer is still there");
            Await.until("nothing left in bad-default", WAIT, () -> broker.messages("bad-default") == 0);
        }
    }

    private static Optional<GetResponse> find(List<GetResponse> messages, String id) {
        return messages.stream().filter(r -> id.equals(r.getProps().getMessageId())).findFirst();
    }
}
