package dev.roger.client.cluster;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A command sent over the control fanout exchange: executed by every node, or, when it names a
 * {@code node}, by that node alone (the others ignore it and do not answer).
 *
 * @param command   {@code cancel}, {@code pause}, {@code resume}, {@code ping}, {@code info}, or
 *                  one of the partition commands
 * @param partition the partition, for the commands about one
 * @param queue     the queue of {@code pause} and {@code resume}
 * @param jobId     the job of {@code cancel}
 * @param node      the one node that executes it; null for every node
 * @param spec      the partition spec of {@code start-partition} and {@code reconfigure-partition}
 * @param waitMillis how long a node may take to answer (safe stop); 0 for at once
 */
public record ControlCommand(String command, String partition, String queue, String jobId, String node,
                             String spec, long waitMillis) {

    public static final String CANCEL = "cancel";
    public static final String PAUSE = "pause";
    public static final String RESUME = "resume";
    public static final String PING = "ping";
    public static final String INFO = "info";
    public static final String START_PARTITION = "start-partition";
    public static final String RECONFIGURE_PARTITION = "reconfigure-partition";
    public static final String STOP_PARTITION = "stop-partition";
    public static final String RUNNING_PARTITIONS = "running-partitions";
    public static final String SAFE_STOP = "safe-stop";
    /** A partition's recurring jobs changed: the nodes that run it ask its owner what is due. */
    public static final String RECURRING = "recurring";

    public ControlCommand {
        Objects.requireNonNull(command, "command");
    }

    public static ControlCommand cancel(String partition, String jobId) {
        return new ControlCommand(CANCEL, partition, null, jobId, null, null, 0);
    }

    public static ControlCommand pause(String partition, String queue) {
        return new ControlCommand(PAUSE, partition, queue, null, null, null, 0);
    }

    public static ControlCommand resume(String partition, String queue) {
        return new ControlCommand(RESUME, partition, queue, null, null, null, 0);
    }

    public static ControlCommand recurringChanged(String partition) {
        return new ControlCommand(RECURRING, partition, null, null, null, null, 0);
    }

    public static ControlCommand ping() {
        return new ControlCommand(PING, null, null, null, null, null, 0);
    }

    /** Every node describes itself. */
    public static ControlCommand info() {
        return new ControlCommand(INFO, null, null, null, null, null, 0);
    }

    /** A partition command for one node: start, reconfigure ({@code spec}), stop ({@code partition}), list. */
    public static ControlCommand toNode(String command, String node, String partition, String spec) {
        return new ControlCommand(command, partition, null, null, Objects.requireNonNull(node, "node"), spec, 0);
    }

    /** Stops a partition safely on {@code node} (null: every node), waiting up to {@code waitMillis} for its jobs. */
    public static ControlCommand safeStop(String node, String partition, long waitMillis) {
        return new ControlCommand(SAFE_STOP, partition, null, null, node, null, waitMillis);
    }

    /** Whether this node executes (and answers) it. */
    public boolean isFor(String nodeName) {
        return node == null || node.equals(nodeName);
    }

    public byte[] encode() {
        JsonObjectBuilder b = Json.createObjectBuilder().add("command", command);
        add(b, "partition", partition);
        add(b, "queue", queue);
        add(b, "jobId", jobId);
        add(b, "node", node);
        add(b, "spec", spec);
        if (waitMillis > 0) {
            b.add("waitMillis", waitMillis);
        }
        return b.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void add(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a command */
    public static ControlCommand decode(byte[] body) {
        try (JsonReader r = Json.createReader(new ByteArrayInputStream(body))) {
            JsonObject o = r.readObject();
            return new ControlCommand(o.getString("command"), o.getString("partition", null),
                    o.getString("queue", null), o.getString("jobId", null), o.getString("node", null),
                    o.getString("spec", null), o.containsKey("waitMillis") ? o.getJsonNumber("waitMillis").longValue() : 0);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Roger control command: " + e.getMessage(), e);
        }
    }
}
