package dev.roger.client.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.roger.api.Job;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnqueueTracingTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();

    @Test
    void eachJobGetsAProducerSpanUnderTheCallersSpanAndItsHeader() {
        Job job = Job.builder("mail").id("job-1").build();
        Span parent = sdk.getTracer("test").spanBuilder("request").startSpan();
        Map<String, Object> headers;
        try (Scope ignored = parent.makeCurrent()) {
            EnqueueTracing.Batch batch = new EnqueueTracing(() -> sdk).batch();
            headers = batch.start("tenant", "tenant-default", job);
            batch.end();
        }
        parent.end();
        SpanData producer = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.PRODUCER).findFirst().orElseThrow();
        assertEquals("publish tenant-default", producer.getName());
        assertEquals(parent.getSpanContext().getSpanId(), producer.getParentSpanId());
        assertEquals(parent.getSpanContext().getTraceId(), producer.getTraceId());
        assertEquals("rabbitmq", producer.getAttributes().get(MessagingAttributes.SYSTEM));
        assertEquals("tenant-default", producer.getAttributes().get(MessagingAttributes.DESTINATION));
        assertEquals("job-1", producer.getAttributes().get(MessagingAttributes.MESSAGE_ID));
        assertEquals("send", producer.getAttributes().get(MessagingAttributes.OPERATION_TYPE));
        assertEquals("publish", producer.getAttributes().get(MessagingAttributes.OPERATION));
        assertEquals("tenant", producer.getAttributes().get(MessagingAttributes.PARTITION));
        assertEquals("mail", producer.getAttributes().get(MessagingAttributes.JOB_TYPE));
        SpanContext carried = Span.fromContext(TraceHeaders.extract(headers)).getSpanContext();
        assertEquals(producer.getSpanId(), carried.getSpanId());
        assertEquals(producer.getTraceId(), carried.getTraceId());
    }

    @Test
    void aFailedEnqueueMarksItsSpans() {
        EnqueueTracing.Batch batch = new EnqueueTracing(() -> sdk).batch();
        batch.start("tenant", "tenant-default", Job.builder("mail").build());
        batch.start("tenant", "tenant-default", Job.builder("mail").build());
        batch.failed(new IllegalStateException("broker gone"));
        batch.end();
        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertEquals(2, spans.size());
        for (SpanData s : spans) {
            assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
            assertEquals("exception", s.getEvents().get(0).getName());
        }
    }

    @Test
    void withoutAnSdkMessagesGetNoHeaders() {
        EnqueueTracing.Batch batch = new EnqueueTracing(OpenTelemetry::noop).batch();
        assertNull(batch.start("tenant", "tenant-default", Job.builder("mail").build()));
        batch.end();
    }
}
