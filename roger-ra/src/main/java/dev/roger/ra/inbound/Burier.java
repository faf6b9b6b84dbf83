package dev.roger.ra.inbound;

import com.rabbitmq.client.AMQP;
import dev.roger.api.Names;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.client.wire.JobCodec;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Stores a job that cannot or could not run in {@code <partition>-<queue>.buried}, with why in
 * headers, and waits for the broker's confirm, so the original delivery can then be acked.
 */
public final class Burier {

    /** Header names on buried messages. */
    public static final String REASON = "x-roger-reason";
    public static final String ERROR_CLASS = "x-roger-error-class";
    public static final String ERROR_MESSAGE = "x-roger-error-message";
    public static final String STACK = "x-roger-stack";
    public static final String ATTEMPTS = "x-roger-attempts";
    public static final String NODE = "x-roger-node";
    public static final String FAILED_AT = "x-roger-failed-at";

    private static final int STACK_FRAMES = 12;

    private final ConfirmPublisher publisher;
    private final QueueDeclarer declarer;
    private final String node;

    public Burier(ConfirmPublisher publisher, QueueDeclarer declarer, String node) {
        this.publisher = publisher;
        this.declarer = declarer;
        this.node = node;
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
        String target = Names.buriedQueue(delivery.partition(), delivery.queue());
        Map<String, Object> headers = new HashMap<>();
        AMQP.BasicProperties original = delivery.properties();
        if (original != null && original.getHeaders() != null) {
            headers.putAll(original.getHeaders());
        }
        headers.put(REASON, truncate(reason, 1000));
        headers.put(ATTEMPTS, attempts);
        headers.put(NODE, node);
        headers.put(FAILED_AT, Instant.now().toString());
        if (error != null) {
            headers.put(ERROR_CLASS, error.getClass().getName());
            headers.put(ERROR_MESSAGE, truncate(String.valueOf(error.getMessage()), 1000));
            headers.put(STACK, stackSummary(error));
        }
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

    /** The error's class and message and its first frames, then the same for each cause. */
    static String stackSummary(Throwable error) {
        StringBuilder sb = new StringBuilder();
        int causes = 0;
        for (Throwable t = error; t != null && causes < 4; t = t.getCause(), causes++) {
            if (causes > 0) {
                sb.append("Caused by: ");
            }
            sb.append(t).append('\n');
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
                sb.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length > STACK_FRAMES) {
                sb.append("\t... ").append(frames.length - STACK_FRAMES).append(" more\n");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return truncate(sb.toString(), 8000);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
