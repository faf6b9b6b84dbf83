package dev.roger.state;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The JSON form of a {@link StoredState}, version 1:
 * <pre>{"v":1,"paused":[..],"queueKeys":{key:job},"execKeys":{key:{"job":..,"node":..}},
 * "waiting":{key:epochMillis},"cancelled":{id:{"at":epochMillis,"seen":bool}},"cancelVersion":n,
 * "runs":{"running":{id:{"node":..,"attempt":n}},"retrying":{id:{"next":n,"at":epochMillis}},"done":{id:epochMillis}}}</pre>
 * ({@code runs} only when the partition has idempotent jobs;
 * {@code "recurring":[{"job":{..},"paused":bool,"lastTick":epochMillis}]} only when it has recurring jobs).
 * Kept apart from {@link PartitionState} so the state machine stays free of I/O concerns.
 */
final class StoredStateFormat {

    static final int VERSION = 1;

    private StoredStateFormat() {
    }

    static byte[] write(StoredState s) {
        JsonObjectBuilder queueKeys = JsonSupport.BUILDERS.createObjectBuilder();
        s.queueKeys().forEach(queueKeys::add);
        JsonObjectBuilder execKeys = JsonSupport.BUILDERS.createObjectBuilder();
        s.execKeys().forEach((k, h) -> execKeys.add(k, JsonSupport.BUILDERS.createObjectBuilder()
                .add("job", h.job()).add("node", h.node())));
        JsonObjectBuilder waiting = JsonSupport.BUILDERS.createObjectBuilder();
        s.waiting().forEach((k, at) -> waiting.add(k, at.toEpochMilli()));
        JsonObjectBuilder cancelled = JsonSupport.BUILDERS.createObjectBuilder();
        s.cancelled().forEach((id, c) -> cancelled.add(id, JsonSupport.BUILDERS.createObjectBuilder()
                .add("at", c.at().toEpochMilli()).add("seen", c.seen())));
        JsonObjectBuilder state = JsonSupport.BUILDERS.createObjectBuilder()
                .add("v", VERSION)
                .add("paused", JsonSupport.array(s.paused()))
                .add("queueKeys", queueKeys)
                .add("execKeys", execKeys)
                .add("waiting", waiting)
                .add("cancelled", cancelled)
                .add("cancelVersion", s.cancelVersion());
        StoredState.Runs runs = s.runs();
        if (!runs.running().isEmpty() || !runs.retrying().isEmpty() || !runs.done().isEmpty()) {
            state.add("runs", writeRuns(runs));
        }
        if (!s.recurring().isEmpty()) {
            jakarta.json.JsonArrayBuilder recurring = JsonSupport.BUILDERS.createArrayBuilder();
            for (RecurringJobs.Entry e : s.recurring()) {
                recurring.add(JsonSupport.BUILDERS.createObjectBuilder().add("job", RecurringCodec.write(e.job()))
                        .add("paused", e.paused()).add("lastTick", e.lastTick().toEpochMilli()));
            }
            state.add("recurring", recurring);
        }
        return JsonSupport.write(state.build());
    }

    private static JsonObjectBuilder writeRuns(StoredState.Runs runs) {
        JsonObjectBuilder running = JsonSupport.BUILDERS.createObjectBuilder();
        runs.running().forEach((id, r) -> running.add(id, JsonSupport.BUILDERS.createObjectBuilder()
                .add("node", r.node()).add("attempt", r.attempt())));
        JsonObjectBuilder retrying = JsonSupport.BUILDERS.createObjectBuilder();
        runs.retrying().forEach((id, r) -> retrying.add(id, JsonSupport.BUILDERS.createObjectBuilder()
                .add("next", r.nextAttempt()).add("at", r.at().toEpochMilli())));
        JsonObjectBuilder done = JsonSupport.BUILDERS.createObjectBuilder();
        runs.done().forEach((id, at) -> done.add(id, at.toEpochMilli()));
        return JsonSupport.BUILDERS.createObjectBuilder().add("running", running).add("retrying", retrying)
                .add("done", done);
    }

    private static StoredState.Runs readRuns(JsonObject o, String what) {
        Map<String, IdempotentRuns.Running> running = new LinkedHashMap<>();
        Map<String, IdempotentRuns.Retrying> retrying = new LinkedHashMap<>();
        Map<String, Instant> done = new LinkedHashMap<>();
        JsonObject runs = JsonSupport.optObject(o, "runs", what);
        if (runs != null) {
            String in = what + " runs";
            forEachObject(runs, "running", in, (id, r) -> running.put(id, new IdempotentRuns.Running(
                    JsonSupport.string(r, "node", in + ".running." + id),
                    (int) JsonSupport.requiredLong(r, "attempt", in + ".running." + id), Instant.EPOCH)));
            forEachObject(runs, "retrying", in, (id, r) -> retrying.put(id, new IdempotentRuns.Retrying(
                    (int) JsonSupport.requiredLong(r, "next", in + ".retrying." + id),
                    Instant.ofEpochMilli(JsonSupport.requiredLong(r, "at", in + ".retrying." + id)))));
            JsonObject d = JsonSupport.optObject(runs, "done", in);
            if (d != null) {
                for (String id : d.keySet()) {
                    done.put(id, Instant.ofEpochMilli(JsonSupport.requiredLong(d, id, in + ".done")));
                }
            }
        }
        return new StoredState.Runs(running, retrying, done);
    }

    /** Reads a stored blob; {@code what} names it in error messages. */
    static StoredState read(byte[] blob, String what) {
        JsonObject o = JsonSupport.parseObject(blob, what);
        long v = JsonSupport.requiredLong(o, "v", what);
        if (v != VERSION) {
            throw new IllegalArgumentException(what + " has format version " + v + ", this Roger reads only "
                    + VERSION + " (stored by a newer Roger?)");
        }
        List<String> paused = JsonSupport.optStrings(o, "paused", what);
        Map<String, String> queueKeys = JsonSupport.optStringMap(o, "queueKeys", what);

        Map<String, StoredState.Holder> execKeys = new LinkedHashMap<>();
        forEachObject(o, "execKeys", what, (key, h) -> execKeys.put(key, new StoredState.Holder(
                JsonSupport.string(h, "job", what + " execKeys." + key),
                JsonSupport.string(h, "node", what + " execKeys." + key))));

        Map<String, Instant> waiting = new LinkedHashMap<>();
        JsonObject w = JsonSupport.optObject(o, "waiting", what);
        if (w != null) {
            for (String key : w.keySet()) {
                waiting.put(key, Instant.ofEpochMilli(JsonSupport.requiredLong(w, key, what + " waiting")));
            }
        }

        Map<String, StoredState.Cancel> cancelled = new LinkedHashMap<>();
        forEachObject(o, "cancelled", what, (id, c) -> cancelled.put(id, new StoredState.Cancel(
                Instant.ofEpochMilli(JsonSupport.requiredLong(c, "at", what + " cancelled." + id)),
                JsonSupport.optBoolean(c, "seen", what + " cancelled." + id))));

        return new StoredState(
                paused == null ? new LinkedHashSet<>() : new LinkedHashSet<>(paused),
                queueKeys == null ? new LinkedHashMap<>() : queueKeys,
                execKeys, waiting, cancelled,
                JsonSupport.optLong(o, "cancelVersion", 0, what), readRuns(o, what), readRecurring(o, what));
    }

    private static List<RecurringJobs.Entry> readRecurring(JsonObject o, String what) {
        List<RecurringJobs.Entry> entries = new java.util.ArrayList<>();
        jakarta.json.JsonArray a = o.containsKey("recurring") ? o.getJsonArray("recurring") : null;
        if (a != null) {
            for (JsonValue v : a) {
                JsonObject e = v.asJsonObject();
                entries.add(new RecurringJobs.Entry(RecurringCodec.read(e.getJsonObject("job")),
                        JsonSupport.optBoolean(e, "paused", what + " recurring"),
                        Instant.ofEpochMilli(JsonSupport.requiredLong(e, "lastTick", what + " recurring"))));
            }
        }
        return entries;
    }

    private static void forEachObject(JsonObject o, String name, String what,
                                      BiConsumer<String, JsonObject> each) {
        JsonObject map = JsonSupport.optObject(o, name, what);
        if (map == null) {
            return;
        }
        for (Map.Entry<String, JsonValue> e : map.entrySet()) {
            if (!(e.getValue() instanceof JsonObject entry)) {
                throw new IllegalArgumentException(what + ": field '" + name + "." + e.getKey()
                        + "' must be an object, not " + e.getValue());
            }
            each.accept(e.getKey(), entry);
        }
    }
}
