package dev.roger.client.tracing;

import dev.roger.api.Job;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;

/**
 * The attributes on Roger's spans: OpenTelemetry's messaging semantic conventions, so tracing
 * backends show jobs as messages, plus Roger's partition and job type. Spelled out here rather
 * than taken from the (still incubating) semconv artifact, which would be one more jar in every
 * application for a handful of strings.
 */
public final class MessagingAttributes {

    public static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> ROUTING_KEY =
            AttributeKey.stringKey("messaging.rabbitmq.destination.routing_key");
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    /** The current conventions' operation kind: {@code send} or {@code process}. */
    public static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    /** The current conventions' operation name: {@code publish} or {@code process}. */
    public static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    /** The older conventions' single attribute, still read by many backends: {@code publish} or {@code process}. */
    public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation");
    public static final AttributeKey<String> PARTITION = AttributeKey.stringKey("roger.partition");
    public static final AttributeKey<String> JOB_TYPE = AttributeKey.stringKey("roger.job.type");
    /** How many attempts failed before this one (0 on the first). */
    public static final AttributeKey<Long> RETRY_COUNT = AttributeKey.longKey("roger.job.retry_count");

    public static final String RABBITMQ = "rabbitmq";
    /** The instrumentation scope of Roger's spans. */
    public static final String SCOPE = "dev.roger";

    private MessagingAttributes() {
    }

    /**
     * Sets the attributes a job's publish and process spans share.
     *
     * @param operationType {@code send} or {@code process}
     * @param operation     {@code publish} or {@code process}
     */
    public static SpanBuilder set(SpanBuilder span, String operationType, String operation, String partition,
                                  String destination, Job job) {
        return span.setAttribute(SYSTEM, RABBITMQ)
                .setAttribute(DESTINATION, destination)
                .setAttribute(MESSAGE_ID, job.id())
                .setAttribute(OPERATION_TYPE, operationType)
                .setAttribute(OPERATION_NAME, operation)
                .setAttribute(OPERATION, operation)
                .setAttribute(PARTITION, partition)
                .setAttribute(JOB_TYPE, job.type());
    }
}
