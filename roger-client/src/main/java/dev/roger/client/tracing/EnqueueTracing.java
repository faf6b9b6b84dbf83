package dev.roger.client.tracing;

import dev.roger.api.Job;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The PRODUCER spans of enqueues: one per job, a child of whatever span is current on the
 * caller's thread, its context put in the message's headers so that the job's run continues the
 * trace. Which {@link OpenTelemetry} records them is asked at each enqueue, because in a server it
 * depends on the calling application.
 */
public final class EnqueueTracing {

    private static final System.Logger LOG = System.getLogger(EnqueueTracing.class.getName());

    private final Supplier<OpenTelemetry> telemetry;

    public EnqueueTracing(Supplier<OpenTelemetry> telemetry) {
        this.telemetry = telemetry;
    }

    /** Records with {@link GlobalOpenTelemetry}: a no-op until the process sets one up. */
    public static EnqueueTracing global() {
        return new EnqueueTracing(GlobalOpenTelemetry::get);
    }

    /** Starts the spans of one batch of enqueues, on the caller's thread. */
    public Batch batch() {
        Tracer tracer;
        try {
            tracer = telemetry.get().getTracer(MessagingAttributes.SCOPE);
        } catch (RuntimeException e) {
            // Tracing never decides an enqueue's outcome: the jobs go out untraced.
            LOG.log(System.Logger.Level.WARNING, "Roger could not get a tracer for the enqueue spans ({0}); "
                    + "the jobs are enqueued untraced", String.valueOf(e));
            tracer = TracerProvider.noop().get(MessagingAttributes.SCOPE);
        }
        return new Batch(tracer, Context.current());
    }

    /** The spans of one batch: started per job, ended together once the broker answered. */
    public static final class Batch {

        private final Tracer tracer;
        private final Context parent;
        private final List<Span> spans = new ArrayList<>();

        private Batch(Tracer tracer, Context parent) {
            this.tracer = tracer;
            this.parent = parent;
        }

        /**
         * Starts the span of one job's publish to {@code destination} (its main queue).
         *
         * @return the message headers that carry it, or null when nothing is recorded (no SDK),
         *         so untraced messages stay as they were
         */
        public Map<String, Object> start(String partition, String destination, Job job) {
            Span span = MessagingAttributes.set(tracer.spanBuilder("publish " + destination), "send", "publish",
                            partition, destination, job)
                    .setParent(parent)
                    .setSpanKind(SpanKind.PRODUCER)
                    .setAttribute(MessagingAttributes.ROUTING_KEY, destination)
                    .startSpan();
            spans.add(span);
            Map<String, Object> headers = new HashMap<>();
            TraceHeaders.inject(parent.with(span), headers);
            return headers.isEmpty() ? null : headers;
        }

        /** The enqueue failed: every span of the batch records why. */
        public void failed(Throwable error) {
            for (Span span : spans) {
                span.recordException(error);
                span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
            }
        }

        public void end() {
            spans.forEach(Span::end);
        }
    }
}
