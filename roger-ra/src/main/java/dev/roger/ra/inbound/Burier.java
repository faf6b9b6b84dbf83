package dev.roger.ra.inbound;

import dev.roger.client.wire.FailureHeaders;
import com.rabbitmq.client.AMQP;
import dev.roger.api.Names;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.client.buried.BuriedLog;
import dev.roger.client.wire.JobCodec;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Stores a job that cannot or could not run in {@code <partition>-<queue>.buried}, with why in
 * headers, and waits for the broker's confirm, so the original delivery can then be acked. The same
 * publish records the burial in the cluster's buried log ({@link BuriedLog}): the broker confirms it
 * once both hold it.
 */
public final class Burier {

    private final ConfirmPublisher publisher;
    private final QueueDeclarer declarer;
    private final String node;
    private final String log;

    /** @param log the cluster's buried log, which the broker copies each burial to in the same publish */
    public Burier(ConfirmPublisher publisher, QueueDeclarer declarer, String node, String log) {
        this.publisher = publisher;
        this.declarer = declarer;
        this.node = node;
        this.log = log;
    }

    /**
     * Buries a delivery's body as it is.
     *
     * @param reason   why, in one line
     * @param error    the failure, or {@code null} when there was none (bad input)
     * @param attempts how many times it ran (0 when it never could)
     * @throws IOException when the buried copy was not confirmed; the delivery must not be acked
     */
    void bury(Delivery delivery, byte[] body, String reason, Throwable error, int attempts)
            throws IOException, TimeoutException, InterruptedException {
        String target = Names.buriedQueueOf(delivery.mainQueue());
        AMQP.BasicProperties original = delivery.properties();
        Map<String, Object> headers = BuriedLog.burialHeaders(FailureHeaders.of(
                original == null ? null : original.getHeaders(), reason, error, attempts, node, Instant.now()), log);
        AMQP.BasicProperties props = (original != null ? original.builder() : new AMQP.BasicProperties.Builder())
                .contentType(original != null && original.getContentType() != null ? original.getContentType()
                        : JobCodec.CONTENT_TYPE)
                .deliveryMode(2)
                .appId(delivery.partition())
                .timestamp(new Date())
                .expiration(null)
                .headers(headers)
                .build();
        declarer.ensureBuried(target);
        publisher.publish(target, props, body);
    }
}
