package dev.roger.client.wire;

import dev.roger.api.Job;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Writes a job as the JSON body of its AMQP message and reads it back. The body is
 * self-describing (metadata and args together), so a buried message can be understood and
 * re-driven without its headers.
 *
 * <pre>{"id":"…","type":"…","queue":"default","args":{…},"retryCount":0,"queuedAt":"2026-…Z", …}</pre>
 */
public final class JobCodec {

    /** The AMQP content type of job messages. */
    public static final String CONTENT_TYPE = "application/json";

    private static final JsonProvider JSON = JsonProvider.provider();
    /** Thread-safe, and shares its parse buffers across calls (a reader per call would not). */
    private static final JsonReaderFactory READERS = JSON.createReaderFactory(Map.of());

    private JobCodec() {
    }

    /** The message body for a job. */
    public static byte[] encode(Job job) {
        StringBuilder sb = new StringBuilder(128 + (job.argsJson() == null ? 4 : job.argsJson().length()));
        sb.append("{\"id\":");
        quote(sb, job.id());
        sb.append(",\"type\":");
        quote(sb, job.type());
        job.partition().ifPresent(p -> quote(sb.append(",\"partition\":"), p));
        job.queue().ifPresent(q -> quote(sb.append(",\"queue\":"), q));
        sb.append(",\"args\":").append(job.argsJson() == null ? "null" : job.argsJson());
        job.queueKey().ifPresent(k -> quote(sb.append(",\"queueKey\":"), k));
        job.executionKey().ifPresent(k -> quote(sb.append(",\"executionKey\":"), k));
        if (job.retryable()) {
            sb.append(",\"retryable\":true");
        }
        if (job.idempotent()) {
            sb.append(",\"idempotent\":true");
        }
        job.maxExecutionTime().ifPresent(d -> sb.append(",\"maxExecutionTimeMs\":").append(d.toMillis()));
        sb.append(",\"retryCount\":").append(job.retryCount());
        job.queuedAt().ifPresent(t -> quote(sb.append(",\"queuedAt\":"), t.toString()));
        job.startedAt().ifPresent(t -> quote(sb.append(",\"startedAt\":"), t.toString()));
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks that user-supplied argument JSON is one well-formed JSON value, so that a bad
     * {@code argsJson} fails at enqueue, not in a consumer.
     */
    public static void requireWellFormed(Job job) {
        if (job.argsJson() == null) {
            return;
        }
        try (JsonReader reader = READERS.createReader(new StringReader(job.argsJson()))) {
            reader.readValue();
        } catch (JsonException e) {
            throw new IllegalArgumentException("Job " + job.id() + " of type " + job.type()
                    + ": args are not well-formed JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a message body.
     *
     * @throws JobDecodeException naming what is wrong, with the job id when it could be read
     */
    public static Job decode(byte[] body) {
        JsonObject o;
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new JobDecodeException(null, "payload is JSON " + value.getValueType().name().toLowerCase()
                        + ", not a job object");
            }
            o = value.asJsonObject();
        } catch (JsonException e) {
            throw new JobDecodeException(null, "payload is not valid JSON: " + e.getMessage());
        }
        String id = string(o, "id", null);
        if (id == null) {
            throw new JobDecodeException(null, "job has no id");
        }
        String type = string(o, "type", id);
        if (type == null) {
            throw new JobDecodeException(id, "job has no type");
        }
        try {
            Job.Builder b = Job.builder(type).id(id);
            JsonValue args = o.get("args");
            b.argsJson(args == null || args.getValueType() == JsonValue.ValueType.NULL ? null : args.toString());
            String partition = string(o, "partition", id);
            if (partition != null) {
                b.partition(partition);
            }
            String queue = string(o, "queue", id);
            if (queue != null) {
                b.queue(queue);
            }
            b.queueKey(string(o, "queueKey", id));
            b.executionKey(string(o, "executionKey", id));
            b.retryable(o.getBoolean("retryable", false));
            b.idempotent(o.getBoolean("idempotent", false));
            if (o.containsKey("maxExecutionTimeMs")) {
                b.maxExecutionTime(Duration.ofMillis(number(o, "maxExecutionTimeMs", id)));
            }
            b.retryCount((int) (o.containsKey("retryCount") ? number(o, "retryCount", id) : 0));
            b.queuedAt(instant(o, "queuedAt", id));
            b.startedAt(instant(o, "startedAt", id));
            return b.build();
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new JobDecodeException(id, e.getMessage());
        }
    }

    private static String string(JsonObject o, String key, String id) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw new JobDecodeException(id, "field '" + key + "' is not a string");
        }
        return s.getString();
    }

    private static long number(JsonObject o, String key, String id) {
        JsonValue v = o.get(key);
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw new JobDecodeException(id, "field '" + key + "' is not an integer");
        }
        return n.longValueExact();
    }

    private static Instant instant(JsonObject o, String key, String id) {
        String s = string(o, key, id);
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new JobDecodeException(id, "field '" + key + "' is not an ISO-8601 instant: " + s);
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
