package dev.roger.ra.inbound;

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
        AMQP.BasicProperties props = JobMessages.properties(delivery.partition(), next,
                FailureHeaders.of(original == null ? null : original.getHeaders(), reason, error, next.retryCount(),
                        node, Instant.now()));
        declarer.declareRetry(target, main, delay);
        publisher.publish(target, props, JobCodec.encode(next));
    }
}
