package dev.roger.it.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerClient;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.RuntimePartitions;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Traces inside Payara Micro: the test application sets up an OpenTelemetry SDK exporting to
 * memory ({@link TestTelemetry}); an enqueue inside the test's span and the job's run are one
 * trace (PRODUCER, then CONSUMER as its child) with the messaging attributes; the message carries
 * the W3C {@code traceparent}; a retried job's second run links to its first.
 */
@ExtendWith(ArquillianExtension.class)
class TracingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("tracing", TestTelemetry.class, TracedJobBean.class, Runs.class, Runs.Run.class,
                        RuntimePartitions.class)
                .addAsLibraries(OtelJars.sdk());
    }

    @Inject
    RogerClient roger;

    @Inject
    RogerAdmin admin;

    @Inject
    TestTelemetry telemetry;

    @Inject
    Runs runs;

    private final List<String> partitions = new ArrayList<>();

    private String partition() {
        String p = "tr" + Long.toString(System.nanoTime(), 36);
        partitions.add(p);
        return p;
    }

    @AfterEach
    void cleanUp() {
        try (Broker broker = Broker.connect()) {
            for (String p : partitions) {
                try {
                    admin.stopPartition(admin.localNode().orElseThrow(), p);
                } catch (RuntimeException ignored) {
                    // Never started, or stopped already.
                }
                String main = Names.mainQueue(p, "default");
                broker.delete(main, Names.buriedQueue(p, "default"), main + ".retry.1");
                broker.delete(Names.ownerQueue(p));
            }
        }
    }

    /** Enqueues inside a span of the test's own, returning the job and the span. */
    private Job enqueueInSpan(String partition, String args, Span[] parent) {
        parent[0] = telemetry.sdk().getTracer("tracing-it").spanBuilder("request").startSpan();
        try (Scope ignored = parent[0].makeCurrent()) {
            return roger.enqueue(partition, Job.builder("tr-job").args(args).build());
        } finally {
            parent[0].end();
        }
    }

    private List<SpanData> spans(String jobId, SpanKind kind) {
        return telemetry.exporter().getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == kind)
                .filter(s -> jobId.equals(s.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))))
                .sorted(Comparator.comparing(s -> s.getAttributes().get(AttributeKey.longKey("roger.job.retry_count"))))
                .toList();
    }

    private List<SpanData> awaitSpans(String jobId, SpanKind kind, int count) {
        Await.until(count + " " + kind + " span(s) of " + jobId, WAIT, () -> spans(jobId, kind).size() >= count);
        List<SpanData> found = spans(jobId, kind);
        assertEquals(count, found.size(), "the " + kind + " spans of " + jobId + ": " + found);
        return found;
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    @Test
    void enqueueAndRunAreOneTraceWithTheMessagingAttributes() {
        String p = partition();
        RuntimePartitions.startAndAwaitConsumers(admin, p, "default=2", WAIT);
        Span[] parent = new Span[1];
        Job job = enqueueInSpan(p, "ok", parent);

        SpanData consumer = awaitSpans(job.id(), SpanKind.CONSUMER, 1).get(0);
        SpanData producer = awaitSpans(job.id(), SpanKind.PRODUCER, 1).get(0);
        String queue = p + "-default";

        assertEquals(parent[0].getSpanContext().getTraceId(), producer.getTraceId());
        assertEquals(parent[0].getSpanContext().getSpanId(), producer.getParentSpanId());
        assertEquals(producer.getTraceId(), consumer.getTraceId());
        assertEquals(producer.getSpanId(), consumer.getParentSpanId());

        assertEquals("publish " + queue, producer.getName());
        assertEquals("process " + queue, consumer.getName());
        for (SpanData s : List.of(producer, consumer)) {
            assertEquals("rabbitmq", attribute(s, "messaging.system"));
            assertEquals(queue, attribute(s, "messaging.destination.name"));
            assertEquals(job.id(), attribute(s, "messaging.message.id"));
            assertEquals(p, attribute(s, "roger.partition"));
            assertEquals("tr-job", attribute(s, "roger.job.type"));
        }
        assertEquals("send", attribute(producer, "messaging.operation.type"));
        assertEquals("publish", attribute(producer, "messaging.operation"));
        assertEquals("process", attribute(consumer, "messaging.operation.type"));
        assertEquals("process", attribute(consumer, "messaging.operation"));
        assertEquals(StatusCode.UNSET, consumer.getStatus().getStatusCode());
        assertTrue(consumer.getLinks().isEmpty(), "a first attempt links to nothing: " + consumer.getLinks());
        // The run's span is current in the bean, so the bean's own spans nest under it.
        assertEquals(consumer.getSpanId(), runs.of(job.id()).get(0).currentSpanId());
    }

    @Test
    void theMessageCarriesTheProducerSpanAsTraceparent() {
        String p = partition(); // not started: the message stays in its queue to be read
        Span[] parent = new Span[1];
        Job job = enqueueInSpan(p, "ok", parent);
        SpanData producer = awaitSpans(job.id(), SpanKind.PRODUCER, 1).get(0);
        try (Broker broker = Broker.connect()) {
            GetResponse message = Await.value("the message of " + job.id(), WAIT,
                    () -> broker.take(Names.mainQueue(p, "default")));
            assertEquals(job.id(), message.getProps().getMessageId());
            assertEquals("00-" + producer.getTraceId() + "-" + producer.getSpanId() + "-01",
                    String.valueOf(message.getProps().getHeaders().get("traceparent")));
        }
    }

    @Test
    void aRetryIsAChildOfTheEnqueueAndLinksToTheFirstAttempt() {
        String p = partition();
        RuntimePartitions.startAndAwaitConsumers(admin, p, "default=2", WAIT);
        Span[] parent = new Span[1];
        Job job = enqueueInSpan(p, "fail-once", parent);

        List<SpanData> attempts = awaitSpans(job.id(), SpanKind.CONSUMER, 2);
        SpanData producer = awaitSpans(job.id(), SpanKind.PRODUCER, 1).get(0);
        SpanData first = attempts.get(0);
        SpanData retry = attempts.get(1);

        assertEquals(StatusCode.ERROR, first.getStatus().getStatusCode());
        assertEquals("exception", first.getEvents().get(0).getName());
        assertEquals(IllegalStateException.class.getName(),
                first.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")));
        assertEquals(StatusCode.UNSET, retry.getStatus().getStatusCode());
        for (SpanData attempt : attempts) {
            assertEquals(producer.getTraceId(), attempt.getTraceId());
            assertEquals(producer.getSpanId(), attempt.getParentSpanId());
        }
        assertEquals(1, retry.getLinks().size(), "the retry's links: " + retry.getLinks());
        assertEquals(first.getTraceId(), retry.getLinks().get(0).getSpanContext().getTraceId());
        assertEquals(first.getSpanId(), retry.getLinks().get(0).getSpanContext().getSpanId());
    }
}
