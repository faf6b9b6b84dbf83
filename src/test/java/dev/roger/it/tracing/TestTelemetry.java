package dev.roger.it.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * The test application's OpenTelemetry SDK, set up at its start, exporting to memory. Its producer
 * must win over the server's MicroProfile Telemetry one (Payara adds it to every application), so
 * the class is an enabled {@code @Alternative}: Payara 6.2025.10's Weld did not count a
 * {@code @Priority} on the producer method alone (measured: only the server's bean was found).
 */
@ApplicationScoped
@Alternative
@Priority(1000)
public class TestTelemetry {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    @Produces
    @ApplicationScoped
    OpenTelemetry openTelemetry() {
        return sdk;
    }

    public OpenTelemetrySdk sdk() {
        return sdk;
    }

    public InMemorySpanExporter exporter() {
        return exporter;
    }
}
