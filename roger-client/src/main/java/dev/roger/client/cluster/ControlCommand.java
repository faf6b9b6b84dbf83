package dev.roger.client.cluster;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A command every node executes, sent over the control fanout exchange.
 *
 * @param command   {@code cancel}, {@code pause}, {@code resume} or {@code ping}
 * @param partition the partition, except for {@code ping}
 * @param queue     the queue of {@code pause} and {@code resume}
 * @param jobId     the job of {@code cancel}
 */
public record ControlCommand(String command, String partition, String queue, String jobId) {

    public static final String CANCEL = "cancel";
    public static final String PAUSE = "pause";
    public static final String RESUME = "resume";
    public static final String PING = "ping";

    public ControlCommand {
        Objects.requireNonNull(command, "command");
    }

    public static ControlCommand cancel(String partition, String jobId) {
        return new ControlCommand(CANCEL, partition, null, jobId);
    }

    public static ControlCommand pause(String partition, String queue) {
        return new ControlCommand(PAUSE, partition, queue, null);
    }

    public static ControlCommand resume(String partition, String queue) {
        return new ControlCommand(RESUME, partition, queue, null);
    }

    public static ControlCommand ping() {
        return new ControlCommand(PING, null, null, null);
    }

    public byte[] encode() {
        JsonObjectBuilder b = Json.createObjectBuilder().add("command", command);
        if (partition != null) {
            b.add("partition", partition);
        }
        if (queue != null) {
            b.add("queue", queue);
        }
        if (jobId != null) {
            b.add("jobId", jobId);
        }
        return b.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the bytes are not a command */
    public static ControlCommand decode(byte[] body) {
        try (JsonReader r = Json.createReader(new ByteArrayInputStream(body))) {
            JsonObject o = r.readObject();
            return new ControlCommand(o.getString("command"), o.getString("partition", null),
                    o.getString("queue", null), o.getString("jobId", null));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Roger control command: " + e.getMessage(), e);
        }
    }
}
