package dev.roger.ra.inbound;

import dev.roger.client.tracing.TraceHeaders;
import dev.roger.client.wire.FailureHeaders;
import com.rabbitmq.client.AMQP;
import dev.roger.api.Job;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.client.wire.JobCodec;
import dev.roger.client.wire.JobMessages;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Schedules a failed job's next attempt: publishes the copy, with its retry count raised and the
 * failure in headers, to {@code <partition>-<queue>.retry.<seconds>}, whose TTL dead-letters it
 * back to the queue it came from (an override queue included) when the delay is over. Waits for
 * the broker's confirm, so the original delivery can then be acked.
 */
public final class Retrier {

    private final ConfirmPublisher publisher;
    private final QueueDeclarer declarer;
    private final String node;

    public Retrier(ConfirmPublisher publisher, QueueDeclarer declarer, String node) {
        this.publisher = publisher;
        this.declarer = declarer;
        this.node = node;
    }

    /**
     * @param next the job as it will run next ({@code retryCount} already raised)
     * @throws IOException when the copy was not confirmed; the delivery must not be acked
     */
    void retry(Delivery delivery, Job next, Duration delay, String reason, Throwable error)
            throws IOException, TimeoutException, InterruptedException {
        String main = delivery.mainQueue();
        String target = main + ".retry." + delay.toSeconds();
        AMQP.BasicProperties original = delivery.properties();
        Map<String, Object> headers = FailureHeaders.of(original == null ? null : original.getHeaders(), reason, error,
                next.retryCount(), node, Instant.now());
        // The copy keeps the enqueue's traceparent (each attempt is a child of the enqueue) and,
        // from the first retry on, the first attempt's span, which every later attempt links to.
        String attempt = delivery.attemptTrace();
        if (attempt != null) {
            headers.putIfAbsent(TraceHeaders.FIRST_ATTEMPT, attempt);
        }
        AMQP.BasicProperties props = JobMessages.properties(delivery.partition(), next, headers);
        declarer.declareRetry(target, main, delay);
        publisher.publish(target, props, JobCodec.encode(next));
    }
}
