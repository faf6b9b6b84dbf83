package dev.roger.client.buried;

import com.rabbitmq.client.AMQP;
import dev.roger.api.BuriedJob;
import dev.roger.api.Job;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.wire.FailureHeaders;
import dev.roger.client.wire.JobCodec;
import dev.roger.client.wire.JobDecodeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** Reads a buried message (from a buried queue or the buried log) as the {@link BuriedJob} operators see. */
final class BuriedMessages {

    private final String prefix;

    BuriedMessages(BrokerNames names) {
        this.prefix = names.cluster().map(c -> c + ".").orElse("");
    }

    /** @param buriedQueue the buried queue the message is (or was) in */
    BuriedJob describe(String buriedQueue, AMQP.BasicProperties props, byte[] body) {
        Map<String, Object> h = props.getHeaders();
        Optional<Job> job;
        try {
            job = Optional.of(JobCodec.decode(body));
        } catch (JobDecodeException e) {
            job = Optional.empty();
        }
        String[] place = place(buriedQueue);
        Object attempts = h == null ? null : h.get(FailureHeaders.ATTEMPTS);
        return new BuriedJob(place[0], place[1], jobId(props, job), job,
                String.valueOf(FailureHeaders.text(h, FailureHeaders.REASON)),
                Optional.ofNullable(FailureHeaders.text(h, FailureHeaders.ERROR_CLASS)),
                Optional.ofNullable(FailureHeaders.text(h, FailureHeaders.ERROR_MESSAGE)),
                Optional.ofNullable(FailureHeaders.text(h, FailureHeaders.STACK)),
                attempts instanceof Number n ? n.intValue() : 0,
                instant(FailureHeaders.text(h, FailureHeaders.FIRST_FAILED_AT)),
                instant(FailureHeaders.text(h, FailureHeaders.FAILED_AT)),
                String.valueOf(FailureHeaders.text(h, FailureHeaders.NODE)));
    }

    /** The id a buried message is known by: its message id, else its job's, else "?". */
    static String jobId(AMQP.BasicProperties props, byte[] body) {
        if (props.getMessageId() != null) {
            return props.getMessageId();
        }
        try {
            return JobCodec.decode(body).id();
        } catch (JobDecodeException e) {
            return "?";
        }
    }

    /** Its burial id; messages buried before the log existed have none. */
    static Optional<String> burial(AMQP.BasicProperties props) {
        return Optional.ofNullable(FailureHeaders.text(props.getHeaders(), BuriedLog.BURIAL));
    }

    private static String jobId(AMQP.BasicProperties props, Optional<Job> job) {
        return props.getMessageId() != null ? props.getMessageId() : job.map(Job::id).orElse("?");
    }

    /**
     * Partition and queue from {@code [<cluster>.]<partition>-<queue>.buried}: a queue name has no
     * '-', so the last one splits them.
     */
    /** The partition a buried queue belongs to. */
    String partitionOf(String buriedQueue) {
        return place(buriedQueue)[0];
    }

    private String[] place(String buriedQueue) {
        String main = buriedQueue.endsWith(".buried") ? buriedQueue.substring(0, buriedQueue.length() - 7) : buriedQueue;
        if (main.startsWith(prefix)) {
            main = main.substring(prefix.length());
        }
        int dash = main.lastIndexOf('-');
        if (dash <= 0) {
            return new String[] {"?", main};
        }
        return new String[] {main.substring(0, dash), main.substring(dash + 1)};
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
