package dev.roger.client.wire;

import dev.roger.api.Job;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
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
    /**
     * The deepest nesting a job body may have (the job object is level 1, so args may nest 99
     * deep). Far beyond what arguments need, and far below what exhausts a stack.
     */
    public static final int MAX_DEPTH = 100;
    /** No retry schedule has more levels than this; a larger count is not a job Roger wrote. */
    public static final int MAX_RETRY_COUNT = 10_000;

    private static final Map<String, Object> STRICT = Map.of(
            "org.eclipse.parsson.rejectDuplicateKeys", true,
            "org.eclipse.parsson.maxDepth", MAX_DEPTH + 1);
    /** Thread-safe, and share their parse buffers across calls (a reader per call would not). */
    private static final JsonParserFactory PARSERS = JSON.createParserFactory(STRICT);

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
        job.runAt().ifPresent(t -> quote(sb.append(",\"runAt\":"), t.toString()));
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks that a job is one a consumer will accept, so that bad user-supplied {@code argsJson}
     * (malformed, trailing data, nested too deep) fails at enqueue, not in a consumer.
     */
    public static void requireWellFormed(Job job) {
        if (job.argsJson() == null) {
            return;
        }
        try {
            decode(encode(job));
        } catch (JobDecodeException e) {
            throw new IllegalArgumentException("Job " + job.id() + " of type " + job.type()
                    + ": args are not well-formed JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a message body of any size.
     *
     * @throws JobDecodeException naming what is wrong, with the job id when it could be read
     */
    public static Job decode(byte[] body) {
        return decode(body, Integer.MAX_VALUE);
    }

    /**
     * Reads a message body, refusing anything that is not exactly one well-formed job: a body over
     * {@code maxBytes}, invalid UTF-8, nesting deeper than {@link #MAX_DEPTH}, trailing data after
     * the JSON value, duplicate keys, and fields of the wrong type or out of range. Every failure,
     * whatever the parser throws, comes out as a {@link JobDecodeException}.
     *
     * @throws JobDecodeException naming what is wrong, with the job id when it could be read
     */
    public static Job decode(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            throw new JobDecodeException(null, "empty body");
        }
        if (body.length > maxBytes) {
            throw new JobDecodeException(null, "body of " + body.length + " bytes is over maxJobBytes (" + maxBytes + ")");
        }
        String shape = JsonShape.problem(body, MAX_DEPTH);
        if (shape != null) {
            throw new JobDecodeException(null, shape);
        }
        JsonObject o = readObject(body);
        String id = null;
        try {
            id = string(o, "id", null);
            if (id == null) {
                throw new JobDecodeException(null, "job has no id");
            }
            return fields(o, id);
        } catch (JobDecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            // Validation in Job's builder (names, ranges) and anything else: bad input, never a crash.
            throw new JobDecodeException(id, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static JsonObject readObject(byte[] body) {
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            if (!parser.hasNext()) {
                throw new JobDecodeException(null, "body has no JSON value");
            }
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT) {
                throw new JobDecodeException(null, "payload is JSON " + describe(first) + ", not a job object");
            }
            JsonObject o = parser.getObject();
            boolean more;
            try {
                more = parser.hasNext();
            } catch (RuntimeException e) {
                more = true;
            }
            if (more) {
                throw new JobDecodeException(null, "trailing data after the JSON object");
            }
            return o;
        } catch (JobDecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonException for syntax, and whatever else a provider throws (depth limits,
            // number overflows): the message is bad, not the node.
            throw new JobDecodeException(null, "payload is not valid JSON: " + e.getMessage());
        }
    }

    private static String describe(JsonParser.Event event) {
        return switch (event) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> event.name().toLowerCase();
        };
    }

    private static Job fields(JsonObject o, String id) {
        String type = string(o, "type", id);
        if (type == null) {
            throw new JobDecodeException(id, "job has no type");
        }
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
        b.retryable(bool(o, "retryable", id));
        b.idempotent(bool(o, "idempotent", id));
        if (present(o, "maxExecutionTimeMs")) {
            long ms = number(o, "maxExecutionTimeMs", id, 1, Long.MAX_VALUE / 1_000_000);
            b.maxExecutionTime(Duration.ofMillis(ms));
        }
        b.retryCount(present(o, "retryCount") ? (int) number(o, "retryCount", id, 0, MAX_RETRY_COUNT) : 0);
        b.queuedAt(instant(o, "queuedAt", id));
        b.startedAt(instant(o, "startedAt", id));
        b.runAt(instant(o, "runAt", id));
        return b.build();
    }

    private static boolean present(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v != null && v.getValueType() != JsonValue.ValueType.NULL;
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

    private static boolean bool(JsonObject o, String key, String id) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return false;
        }
        if (v.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (v.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw new JobDecodeException(id, "field '" + key + "' is not a boolean");
    }

    private static long number(JsonObject o, String key, String id, long min, long max) {
        JsonValue v = o.get(key);
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw new JobDecodeException(id, "field '" + key + "' is not an integer");
        }
        long value;
        try {
            value = n.longValueExact();
        } catch (ArithmeticException e) {
            throw new JobDecodeException(id, "field '" + key + "' is out of range: " + abbreviate(n.toString()));
        }
        if (value < min || value > max) {
            throw new JobDecodeException(id, "field '" + key + "' is out of range: " + value + " (must be " + min
                    + " to " + max + ")");
        }
        return value;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static Instant instant(JsonObject o, String key, String id) {
        String s = string(o, key, id);
        try {
            return s == null ? null : IsoInstants.parse(s);
        } catch (DateTimeParseException e) {
            throw new JobDecodeException(id, "field '" + key + "' is not an ISO-8601 instant: " + abbreviate(s));
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
