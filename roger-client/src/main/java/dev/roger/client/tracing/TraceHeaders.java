package dev.roger.client.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.Map;

/**
 * Trace context in a job message's AMQP headers, in the W3C Trace Context format
 * ({@code traceparent}, {@code tracestate}) that every OpenTelemetry backend and RabbitMQ
 * instrumentation reads. Always W3C, whatever propagators the application configured: the
 * message crosses to another process whose configuration Roger cannot know, and a job's link to
 * its first attempt needs one fixed format too.
 */
public final class TraceHeaders {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /**
     * On a retry copy: the first attempt's span as a {@code traceparent} value. Each later attempt
     * links to it, so the attempts of one job can be found from any of them.
     */
    public static final String FIRST_ATTEMPT = "x-roger-first-attempt";

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapSetter<Map<String, Object>> SETTER = (headers, key, value) -> headers.put(key, value);

    private static final TextMapGetter<Map<String, Object>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, Object> headers) {
            return headers.keySet();
        }

        @Override
        public String get(Map<String, Object> headers, String key) {
            // The broker hands strings back as LongString, whose toString is the text.
            Object v = headers == null ? null : headers.get(key);
            return v == null ? null : v.toString();
        }
    };

    private TraceHeaders() {
    }

    /** Puts the span of {@code context} into {@code headers}; puts nothing when it has no valid span (no SDK). */
    public static void inject(Context context, Map<String, Object> headers) {
        W3C.inject(context, headers, SETTER);
    }

    /** The context a message's headers carry (the root context when they carry none or a malformed one). */
    public static Context extract(Map<String, Object> headers) {
        return headers == null ? Context.root() : W3C.extract(Context.root(), headers, GETTER);
    }

    /** A span as a {@code traceparent} value; null when it is not valid (nothing was recorded). */
    public static String traceparent(SpanContext span) {
        Map<String, Object> carrier = new HashMap<>();
        inject(Context.root().with(Span.wrap(span)), carrier);
        Object v = carrier.get(TRACEPARENT);
        return v == null ? null : v.toString();
    }

    /** The first attempt's span a retry copy carries; invalid when it carries none. */
    public static SpanContext firstAttempt(Map<String, Object> headers) {
        Object v = headers == null ? null : headers.get(FIRST_ATTEMPT);
        if (v == null) {
            return SpanContext.getInvalid();
        }
        Map<String, Object> carrier = new HashMap<>();
        carrier.put(TRACEPARENT, v.toString());
        return Span.fromContext(extract(carrier)).getSpanContext();
    }
}
