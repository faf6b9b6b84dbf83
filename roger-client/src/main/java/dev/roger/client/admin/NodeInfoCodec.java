package dev.roger.client.admin;

import jakarta.json.spi.JsonProvider;
import dev.roger.api.admin.JobCounters;
import dev.roger.api.admin.NodeInfo;
import dev.roger.api.admin.PartitionInfo;
import dev.roger.api.admin.RunningJobInfo;
import dev.roger.api.admin.WaitingPartition;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A node's {@code info} answer as JSON on the control channel, both ways. */
public final class NodeInfoCodec {

    /** Looked up once: {@code Json.create…} finds the provider again on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private NodeInfoCodec() {
    }

    public static JsonObject encode(NodeAnswer answer) {
        NodeInfo n = answer.info();
        JsonArrayBuilder partitions = JSON.createArrayBuilder();
        for (PartitionInfo p : n.partitions()) {
            JsonArrayBuilder queues = JSON.createArrayBuilder();
            p.queues().forEach(q -> queues.add(JSON.createObjectBuilder().add("queue", q.queue())
                    .add("workers", q.workers()).add("state", q.state().name()).add("inFlight", q.inFlight())
                    .add("counters", counters(q.counters()))));
            partitions.add(JSON.createObjectBuilder().add("partition", p.partition()).add("queues", queues));
        }
        JsonArrayBuilder waiting = JSON.createArrayBuilder();
        n.waiting().forEach(w -> waiting.add(JSON.createObjectBuilder().add("partition", w.partition())
                .add("queue", w.queue()).add("reason", w.reason()).add("attempts", w.attempts())
                .add("since", w.since().toString()).add("nextTry", w.nextTry().toString())));
        JsonArrayBuilder running = JSON.createArrayBuilder();
        n.running().forEach(r -> {
            JsonObjectBuilder b = JSON.createObjectBuilder().add("id", r.id()).add("node", r.node())
                    .add("startedAt", r.startedAt().toString()).add("runningForMillis", r.runningFor().toMillis())
                    .add("retryCount", r.retryCount());
            optional(b, "type", r.type());
            optional(b, "partition", r.partition());
            optional(b, "queue", r.queue());
            running.add(b);
        });
        JobCounters c = n.counters();
        JsonArrayBuilder delays = JSON.createArrayBuilder();
        answer.retryDelays().forEach(delays::add);
        JsonArrayBuilder retryQueues = JSON.createArrayBuilder();
        answer.retryQueues().forEach(retryQueues::add);
        JsonObjectBuilder b = JSON.createObjectBuilder().add("name", n.name())
                .add("startedAt", n.startedAt().toString()).add("connected", n.connected())
                .add("maxConcurrentJobs", n.maxConcurrentJobs()).add("slotsInUse", n.slotsInUse())
                .add("counters", counters(c))
                .add("partitions", partitions).add("waiting", waiting).add("running", running)
                .add("retryDelays", delays).add("retryQueues", retryQueues);
        optional(b, "version", n.version());
        optional(b, "server", n.server());
        return b.build();
    }

    private static JsonObjectBuilder counters(JobCounters c) {
        return JSON.createObjectBuilder().add("started", c.started()).add("succeeded", c.succeeded())
                .add("failed", c.failed()).add("buried", c.buried());
    }

    private static JobCounters counters(JsonObject c) {
        return new JobCounters(c.getJsonNumber("started").longValue(), c.getJsonNumber("succeeded").longValue(),
                c.getJsonNumber("failed").longValue(), c.getJsonNumber("buried").longValue());
    }

    /** A queue's counters; a node of an older version sends none, read as zeros. */
    private static JobCounters queueCounters(JsonObject q) {
        JsonObject c = q.getJsonObject("counters");
        return c == null ? new JobCounters(0, 0, 0, 0) : counters(c);
    }

    /** @throws RuntimeException (from JSON-P) when the answer is not one */
    public static NodeAnswer decode(JsonObject o) {
        JobCounters counters = counters(o.getJsonObject("counters"));
        List<PartitionInfo> partitions = o.getJsonArray("partitions").getValuesAs(JsonObject.class).stream()
                .map(p -> new PartitionInfo(p.getString("partition"), p.getJsonArray("queues")
                        .getValuesAs(JsonObject.class).stream().map(q -> new PartitionInfo.NodeQueue(q.getString("queue"),
                                q.getInt("workers"), PartitionInfo.ConsumerState.valueOf(q.getString("state")),
                                q.getInt("inFlight"), queueCounters(q))).toList())).toList();
        List<WaitingPartition> waiting = o.getJsonArray("waiting").getValuesAs(JsonObject.class).stream()
                .map(w -> new WaitingPartition(w.getString("partition"), w.getString("queue"), w.getString("reason"),
                        w.getInt("attempts"), Instant.parse(w.getString("since")), Instant.parse(w.getString("nextTry"))))
                .toList();
        List<RunningJobInfo> running = o.getJsonArray("running").getValuesAs(JsonObject.class).stream()
                .map(r -> new RunningJobInfo(r.getString("id"), r.getString("type", null), r.getString("partition", null),
                        r.getString("queue", null), r.getString("node"), Instant.parse(r.getString("startedAt")),
                        Duration.ofMillis(r.getJsonNumber("runningForMillis").longValue()), r.getInt("retryCount")))
                .toList();
        NodeInfo info = new NodeInfo(o.getString("name"), o.getString("version", null), o.getString("server", null),
                Instant.parse(o.getString("startedAt")), o.getBoolean("connected"), o.getInt("maxConcurrentJobs"),
                o.getInt("slotsInUse"), counters, partitions, waiting, running);
        List<Long> delays = o.getJsonArray("retryDelays").getValuesAs(JsonNumber.class).stream()
                .map(JsonNumber::longValue).toList();
        List<String> retryQueues = o.getJsonArray("retryQueues").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
        return new NodeAnswer(info, delays, retryQueues);
    }

    private static void optional(JsonObjectBuilder b, String name, String value) {
        b.add(name, value == null ? JsonValue.NULL : JSON.createValue(value));
    }
}
