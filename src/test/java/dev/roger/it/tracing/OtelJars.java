package dev.roger.it.tracing;

import java.io.File;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The OpenTelemetry SDK jars a test application bundles, as an application that sets up its own
 * SDK would: the SDK and the in-memory exporter, never {@code opentelemetry-api} (the adapter's
 * or the server's copy is the one the application must share with Roger).
 */
final class OtelJars {

    private OtelJars() {
    }

    static JavaArchive[] sdk() {
        Set<File> jars = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {io.opentelemetry.sdk.OpenTelemetrySdk.class,
                io.opentelemetry.sdk.trace.SdkTracerProvider.class,
                io.opentelemetry.sdk.common.CompletableResultCode.class,
                io.opentelemetry.sdk.metrics.SdkMeterProvider.class,
                io.opentelemetry.sdk.logs.SdkLoggerProvider.class,
                io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter.class}) {
            jars.add(jarOf(c));
        }
        return jars.stream().map(f -> ShrinkWrap.createFromZipFile(JavaArchive.class, f)).toArray(JavaArchive[]::new);
    }

    private static File jarOf(Class<?> c) {
        try {
            return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
