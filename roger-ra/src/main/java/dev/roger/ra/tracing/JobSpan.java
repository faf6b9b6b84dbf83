package dev.roger.ra.tracing;

import dev.roger.api.Job;
import dev.roger.client.tracing.MessagingAttributes;
import dev.roger.client.tracing.TraceHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * The CONSUMER span of one attempt of a job: a child of the enqueue's span (from the message's
 * {@code traceparent}), linked to the job's first attempt when this is a retry, current on the
 * job's thread while the bean runs so that the bean's own spans nest under it.
 */
public final class JobSpan {

    private static final System.Logger LOG = System.getLogger(JobSpan.class.getName());

    private final Span span;

    private JobSpan(Span span) {
        this.span = span;
    }

    /**
     * Starts the span of running {@code job}, delivered from {@code mainQueue} with {@code headers}.
     */
    public static JobSpan start(OpenTelemetry telemetry, Map<String, Object> headers, String partition,
                                String mainQueue, Job job) {
        try {
            return new JobSpan(builder(telemetry, headers, partition, mainQueue, job).startSpan());
        } catch (RuntimeException e) {
            // Tracing never decides a job's fate: without a span the job runs all the same.
            LOG.log(Level.WARNING, "Roger could not start the span of job {0} ({1}); it runs untraced",
                    job.id(), String.valueOf(e));
            return new JobSpan(Span.getInvalid());
        }
    }

    private static SpanBuilder builder(OpenTelemetry telemetry, Map<String, Object> headers, String partition,
                                       String mainQueue, Job job) {
        SpanBuilder builder = MessagingAttributes.set(telemetry.getTracer(MessagingAttributes.SCOPE)
                        .spanBuilder("process " + mainQueue), "process", "process", partition, mainQueue, job)
                .setParent(TraceHeaders.extract(headers))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MessagingAttributes.RETRY_COUNT, (long) job.retryCount());
        SpanContext first = TraceHeaders.firstAttempt(headers);
        if (first.isValid()) {
            builder.addLink(first);
        }
        return builder;
    }

    /** Makes the span current on this thread until the scope is closed. */
    public Scope makeCurrent() {
        return Context.current().with(span).makeCurrent();
    }

    /** This attempt as a {@code traceparent} value, which a retry copy carries; null when nothing is recorded. */
    public String traceparent() {
        return TraceHeaders.traceparent(span.getSpanContext());
    }

    /** Ends the span; {@code failure} (null when the job succeeded) is recorded with the status ERROR. */
    public void end(Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        span.end();
    }
}
