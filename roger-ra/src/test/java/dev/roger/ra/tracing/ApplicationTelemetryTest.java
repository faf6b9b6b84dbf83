package dev.roger.ra.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

class ApplicationTelemetryTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();
    private final ClassLoader application = new ClassLoader(getClass().getClassLoader()) { };

    private static void span(OpenTelemetry telemetry) {
        telemetry.getTracer("t").spanBuilder("s").startSpan().end();
    }

    private void asApplication(Runnable r) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(application);
        try {
            r.run();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Test
    void anApplicationsSpansGoToItsOwnOpenTelemetry() {
        ApplicationTelemetry telemetry = new ApplicationTelemetry(true);
        assertTrue(telemetry.register(application, sdk));
        asApplication(() -> span(telemetry.forCaller()));
        assertEquals(1, exporter.getFinishedSpanItems().size());
    }

    @Test
    void withTracingOffNothingIsRecordedThoughTheApplicationRegistered() {
        ApplicationTelemetry telemetry = new ApplicationTelemetry(false);
        assertTrue(telemetry.register(application, sdk), "turned off is not a failure the glue should log");
        asApplication(() -> span(telemetry.forCaller()));
        span(telemetry.forBean(getClass()));
        assertEquals(0, exporter.getFinishedSpanItems().size());
        assertEquals(false, telemetry.forCaller().getTracer("t").spanBuilder("s").startSpan().getSpanContext().isValid(),
                "a no-op span carries no context, so no traceparent is written");
    }
}
