package dev.roger.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.JulCapture;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed messages published straight to a partition queue (a foreign or broken producer, not
 * Roger's client, which refuses them): each is buried once with its reason and logged at WARNING
 * with its id, none runs, none comes back, and the queue's only worker slot is free again (a
 * healthy job behind them runs). One row of {@link #KINDS} per kind.
 */
@ExtendWith(ArquillianExtension.class)
class MalformedInputIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String QUEUE = "fuzz-default";
    private static final byte[] NOT_JSON = "{not json".getBytes(StandardCharsets.UTF_8);

    /** A kind of bad message: its body (given its id), its properties' oddity, the reason it must be buried with. */
    record Kind(String name, java.util.function.Function<String, byte[]> body, Map<String, String> props, String reason) {
    }

    private static Kind kind(String name, String reason, java.util.function.Function<String, String> body) {
        return new Kind(name, id -> body.apply(id).getBytes(StandardCharsets.UTF_8), Map.of(), reason);
    }

    /** A job body with the given extra fields (or replacements) after id and type. */
    private static java.util.function.Function<String, String> job(String extra) {
        return id -> "{\"id\":\"" + id + "\",\"type\":\"fuzz-job\"" + extra + "}";
    }

    private static byte[] bytes(String s, byte... tail) {
        byte[] head = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    static final List<Kind> KINDS = List.of(
            kind("empty", "empty body", id -> ""),
            kind("notjson", "payload is not valid JSON", id -> "{not json"),
            kind("truncated", "payload is not valid JSON", id -> "{\"id\":\"" + id + "\",\"type\":"),
            kind("array", "payload is JSON array, not a job object", id -> "[1,2]"),
            kind("string", "payload is JSON string, not a job object", id -> "\"fuzz-job\""),
            kind("number", "payload is JSON number, not a job object", id -> "42"),
            kind("null", "payload is JSON null, not a job object", id -> "null"),
            kind("noid", "job has no id", id -> "{\"type\":\"fuzz-job\"}"),
            kind("idnumber", "field 'id' is not a string", id -> "{\"id\":5,\"type\":\"fuzz-job\"}"),
            kind("idinvalid", "Invalid job id", id -> "{\"id\":\"a b\",\"type\":\"fuzz-job\"}"),
            kind("notype", "job has no type", id -> "{\"id\":\"" + id + "\"}"),
            kind("typebool", "field 'type' is not a string", id -> "{\"id\":\"" + id + "\",\"type\":true}"),
            kind("deep", "JSON nested deeper than 100 levels",
                    job(",\"args\":" + "[".repeat(100_000) + "]".repeat(100_000))),
            kind("retryoverflow", "field 'retryCount' is out of range", job(",\"retryCount\":99999999999999999999999")),
            kind("retryint", "field 'retryCount' is out of range", job(",\"retryCount\":4294967296")),
            kind("retrynegative", "field 'retryCount' is out of range", job(",\"retryCount\":-1")),
            kind("retryfraction", "field 'retryCount' is not an integer", job(",\"retryCount\":1.5")),
            kind("retrystring", "field 'retryCount' is not an integer", job(",\"retryCount\":\"3\"")),
            kind("retrybeyond", "retryCount 13 is beyond the 12 retry levels", job(",\"retryCount\":13")),
            kind("retryableyes", "field 'retryable' is not a boolean", job(",\"retryable\":\"yes\"")),
            kind("maxtimezero", "field 'maxExecutionTimeMs' is out of range", job(",\"maxExecutionTimeMs\":0")),
            kind("maxtimeoverflow", "field 'maxExecutionTimeMs' is out of range",
                    job(",\"maxExecutionTimeMs\":99999999999999999999")),
            kind("queuedat", "field 'queuedAt' is not an ISO-8601 instant", job(",\"queuedAt\":\"yesterday\"")),
            kind("queuekeynumber", "field 'queueKey' is not a string", job(",\"queueKey\":7")),
            kind("trailing", "trailing data after the JSON object", id -> job("").apply(id) + " garbage"),
            kind("twoobjects", "trailing data after the JSON object", id -> job("").apply(id) + job("").apply(id)),
            kind("dupkeys", "payload is not valid JSON", id -> "{\"id\":\"" + id + "\",\"id\":\"other\",\"type\":\"fuzz-job\"}"),
            kind("nulchar", "payload is not valid JSON", id -> "{\"id\":\"" + id + "\",\"type\":\"fuzz\u0000job\"}"),
            kind("oversize", "body of ", job(",\"args\":\"" + "x".repeat(2 * 1024 * 1024) + "\"")),
            new Kind("badutf8", id -> bytes("{\"id\":\"" + id + "\",\"type\":\"fuzz-job\",\"args\":\"", (byte) 0xc3,
                    (byte) 0x28, (byte) '"', (byte) '}'), Map.of(), "body is not valid UTF-8"),
            new Kind("binary", id -> new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3}, Map.of(),
                    "body is not valid UTF-8"),
            new Kind("bom", id -> bytes("", (byte) 0xef, (byte) 0xbb, (byte) 0xbf, (byte) '{', (byte) '}'), Map.of(),
                    "payload is not valid JSON"),
            new Kind("gzip", id -> job("").apply(id).getBytes(StandardCharsets.UTF_8),
                    Map.of("content-encoding", "gzip"), "content encoding 'gzip' is not supported"),
            new Kind("xml", id -> "<job/>".getBytes(StandardCharsets.UTF_8), Map.of("content-type", "application/xml"),
                    "content type 'application/xml' is not JSON"));

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("fuzz", FuzzJobBean.class, FuzzRuns.class, JulCapture.class);
    }

    @Inject
    RogerClient roger;

    @Inject
    FuzzRuns runs;

    @Test
    void everyMalformedMessageIsBuriedOnceWithItsReasonAndTheWorkerSlotIsFreed() {
        String n = Long.toString(System.nanoTime(), 36);
        try (Broker broker = Broker.connect(); JulCapture log = JulCapture.install("dev.roger", Level.WARNING)) {
            Await.until(QUEUE + " consumed", WAIT, () -> broker.consumers(QUEUE) == 1);
            broker.delete(QUEUE + ".buried");
            for (Kind k : KINDS) {
                String id = "fuzz-" + k.name() + "-" + n;
                AMQP.BasicProperties.Builder props = new AMQP.BasicProperties.Builder().deliveryMode(2).messageId(id)
                        .contentType(k.props().getOrDefault("content-type", "application/json"))
                        .contentEncoding(k.props().get("content-encoding"));
                broker.publish(QUEUE, props.build(), k.body().apply(id));
            }
            Job healthy = roger.enqueue("fuzz", Job.builder("fuzz-job").args("fine").build());

            // With one worker, the healthy job runs only once every bad message before it is settled.
            Await.until("the healthy job behind them ran", WAIT, () -> runs.count(healthy.id()) == 1);
            List<GetResponse> buried = new ArrayList<>();
            // Only this run's messages: a broken earlier run may have left some behind in the queue.
            Await.until("every kind in " + QUEUE + ".buried", WAIT, () -> {
                if (broker.queue(QUEUE + ".buried") != null) {
                    broker.drain(QUEUE + ".buried").stream()
                            .filter(r -> String.valueOf(r.getProps().getMessageId()).endsWith("-" + n))
                            .forEach(buried::add);
                }
                return buried.size() >= KINDS.size();
            });
            Map<String, List<GetResponse>> byId = buried.stream()
                    .collect(Collectors.groupingBy(r -> String.valueOf(r.getProps().getMessageId())));
            List<String> wrong = new ArrayList<>();
            for (Kind k : KINDS) {
                String id = "fuzz-" + k.name() + "-" + n;
                List<GetResponse> copies = byId.getOrDefault(id, List.of());
                if (copies.size() != 1) {
                    wrong.add(k.name() + ": buried " + copies.size() + " times");
                    continue;
                }
                String reason = String.valueOf(copies.get(0).getProps().getHeaders().get("x-roger-reason"));
                if (!reason.contains(k.reason())) {
                    wrong.add(k.name() + ": reason '" + reason + "', expected '" + k.reason() + "'");
                }
                if (!log.logged(id, "buried")) {
                    wrong.add(k.name() + ": no WARNING naming " + id);
                }
            }
            assertEquals(List.of(), wrong, "every kind buried once, with its reason, and logged");
            assertEquals(KINDS.size(), buried.size(), "nothing else was buried");
            assertEquals(1, runs.total(), "no malformed message ran");
            assertTrue(KINDS.size() >= 25, "the table covers at least 25 kinds");
            // No redelivery loop: nothing comes back to the queue or the buried queue afterwards.
            Await.holds("nothing comes back", Duration.ofSeconds(3), () -> broker.messages(QUEUE) == 0
                    && broker.messages(QUEUE + ".buried") == 0);
            assertEquals(1, broker.consumers(QUEUE), "the consumer is still there");
        }
    }

    @Test
    void aBuriedQueueDeletedBehindRogersBackIsDeclaredAgainAndNothingIsLost() {
        String n = Long.toString(System.nanoTime(), 36);
        try (Broker broker = Broker.connect()) {
            Await.until(QUEUE + " consumed", WAIT, () -> broker.consumers(QUEUE) == 1);
            broker.publish(QUEUE, "first-" + n, NOT_JSON);
            Await.until("the first in the buried queue", WAIT, () -> broker.queue(QUEUE + ".buried") != null
                    && broker.drain(QUEUE + ".buried").stream().anyMatch(r -> ("first-" + n).equals(r.getProps().getMessageId())));
            // Roger declared the buried queue and remembers it; an operator deletes it.
            broker.delete(QUEUE + ".buried");
            broker.publish(QUEUE, "second-" + n, NOT_JSON);
            Await.until("the second in the buried queue, declared again", WAIT, () -> broker.queue(QUEUE + ".buried") != null
                    && broker.drain(QUEUE + ".buried").stream().anyMatch(r -> ("second-" + n).equals(r.getProps().getMessageId())));
        }
    }
}
