package dev.roger.client.buried;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.amqp.Errors;
import dev.roger.client.amqp.QueueDeclarer;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The cluster's buried log: a RabbitMQ stream next to the buried queues that records each burial
 * (a copy of the buried message, routed there by the same publish through its {@code BCC}
 * header, so the broker confirms the burial only once both hold it) and each removal from a
 * buried queue (a small record naming the burial). Listings fold it instead of reading the
 * buried queues, which stay the store of the jobs themselves.
 */
public final class BuriedLog {

    /** On a buried copy: the id of this burial (a job buried twice has two). */
    public static final String BURIAL = "x-roger-burial";
    /** On a log record that is not a burial: {@link #REMOVED} or {@link #MARK}. */
    static final String RECORD = "x-roger-log";
    /** On a removal record: the buried queue the job was removed from. */
    static final String QUEUE = "x-roger-buried-queue";
    static final String REMOVED = "removed";
    static final String MARK = "mark";

    private final String stream;
    private final Duration buriedMaxAge;

    /** @param buriedMaxAge how long the nodes keep buried jobs (the log keeps its records longer) */
    public BuriedLog(BrokerNames names, Duration buriedMaxAge) {
        this.stream = names.buriedLog();
        this.buriedMaxAge = buriedMaxAge;
    }

    public String stream() {
        return stream;
    }

    /**
     * The headers of a buried copy: {@code headers} with a new burial id, and a {@code BCC} that
     * makes the broker store the same message in the log (it removes the header itself).
     */
    public static Map<String, Object> burialHeaders(Map<String, Object> headers, String log) {
        Map<String, Object> h = new HashMap<>(headers);
        h.remove("x-stream-offset");
        h.put(BURIAL, UUID.randomUUID().toString());
        h.put("BCC", List.of(log));
        return h;
    }

    /** Declares the log unless it exists (as it is, whatever its arguments). */
    void declare(Connection connection) throws IOException, TimeoutException {
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclarePassive(stream);
            return;
        } catch (IOException e) {
            if (!Errors.isChannelClose(e, Errors.NOT_FOUND)) {
                throw e;
            }
        }
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclare(stream, true, false, false, QueueDeclarer.buriedLogArguments(buriedMaxAge));
        } catch (IOException e) {
            // Another process declared it meanwhile, with other arguments: use it as it is.
            if (!Errors.isChannelClose(e, Errors.PRECONDITION_FAILED)) {
                throw e;
            }
        }
    }

    /**
     * Records that a burial's job left its buried queue. The caller waits for the confirm (the
     * channel is in confirm mode).
     */
    public void removed(Channel ch, String buriedQueue, String burial, String jobId) throws IOException {
        ch.basicPublish("", stream, false, record(REMOVED, Map.of(BURIAL, burial, QUEUE, buriedQueue), jobId),
                new byte[0]);
    }

    /** Writes a mark, which tells a reader that meets it that it has read what was there before. */
    void mark(Channel ch, String id) throws IOException {
        ch.basicPublish("", stream, false, record(MARK, Map.of(), id), new byte[0]);
    }

    private static AMQP.BasicProperties record(String kind, Map<String, Object> headers, String messageId) {
        Map<String, Object> h = new HashMap<>(headers);
        h.put(RECORD, kind);
        return new AMQP.BasicProperties.Builder().deliveryMode(2).messageId(messageId).headers(h).build();
    }
}
