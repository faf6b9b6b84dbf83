package dev.roger.state;

import dev.roger.api.GlobalStateInfo;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON wire form of {@link StateRequest} and {@link StateReply}, as they travel between nodes
 * and the owner. Null fields, empty lists and zero numbers are left out; only a reply's
 * {@code cancelled} keeps an empty list, because there null ("your version is current") and empty
 * ("nothing is cancelled") mean different things.
 */
public final class StateCodec {

    private static final String REQUEST = "State request";
    private static final String REPLY = "State reply";

    private StateCodec() {
    }

    public static byte[] encode(StateRequest r) {
        JsonObjectBuilder b = JsonSupport.BUILDERS.createObjectBuilder().add("op", r.op().name());
        addIfPresent(b, "key", r.key());
        addIfPresent(b, "jobId", r.jobId());
        addIfPresent(b, "node", r.node());
        if (!r.jobIds().isEmpty()) {
            b.add("jobIds", JsonSupport.array(r.jobIds()));
        }
        if (r.version() != 0) {
            b.add("version", r.version());
        }
        addIfPresent(b, "data", r.data());
        return JsonSupport.write(b.build());
    }

    /** @throws IllegalArgumentException if {@code bytes} is not an encoded request */
    public static StateRequest decodeRequest(byte[] bytes) {
        JsonObject o = JsonSupport.parseObject(bytes, REQUEST);
        return new StateRequest(
                enumValue(StateRequest.Op.class, JsonSupport.string(o, "op", REQUEST), "op", REQUEST),
                JsonSupport.optString(o, "key", REQUEST),
                JsonSupport.optString(o, "jobId", REQUEST),
                JsonSupport.optString(o, "node", REQUEST),
                JsonSupport.optStrings(o, "jobIds", REQUEST),
                JsonSupport.optLong(o, "version", 0, REQUEST),
                JsonSupport.optString(o, "data", REQUEST));
    }

    public static byte[] encode(StateReply r) {
        JsonObjectBuilder b = JsonSupport.BUILDERS.createObjectBuilder().add("status", r.status().name());
        addIfPresent(b, "holder", r.holder());
        addIfPresent(b, "owner", r.owner());
        if (!r.paused().isEmpty()) {
            b.add("paused", JsonSupport.array(r.paused()));
        }
        if (r.cancelVersion() != 0) {
            b.add("cancelVersion", r.cancelVersion());
        }
        if (r.cancelled() != null) {
            b.add("cancelled", JsonSupport.array(r.cancelled()));
        }
        if (!r.moveWaiters().isEmpty()) {
            b.add("moveWaiters", JsonSupport.array(r.moveWaiters()));
        }
        if (r.info() != null) {
            b.add("info", encode(r.info()));
        }
        if (r.storeNow()) {
            b.add("storeNow", true);
        }
        addIfPresent(b, "data", r.data());
        return JsonSupport.write(b.build());
    }

    /** @throws IllegalArgumentException if {@code bytes} is not an encoded reply */
    public static StateReply decodeReply(byte[] bytes) {
        JsonObject o = JsonSupport.parseObject(bytes, REPLY);
        JsonObject info = JsonSupport.optObject(o, "info", REPLY);
        List<String> paused = JsonSupport.optStrings(o, "paused", REPLY);
        return new StateReply(
                enumValue(StateReply.Status.class, JsonSupport.string(o, "status", REPLY), "status", REPLY),
                JsonSupport.optString(o, "holder", REPLY),
                JsonSupport.optString(o, "owner", REPLY),
                paused == null ? null : Set.copyOf(paused),
                JsonSupport.optLong(o, "cancelVersion", 0, REPLY),
                JsonSupport.optStrings(o, "cancelled", REPLY),
                JsonSupport.optStrings(o, "moveWaiters", REPLY),
                info == null ? null : decodeInfo(info),
                JsonSupport.optBoolean(o, "storeNow", REPLY),
                JsonSupport.optString(o, "data", REPLY));
    }

    private static JsonObjectBuilder encode(GlobalStateInfo i) {
        JsonObjectBuilder queueKeys = JsonSupport.BUILDERS.createObjectBuilder();
        i.queueKeys().forEach(queueKeys::add);
        JsonObjectBuilder execKeys = JsonSupport.BUILDERS.createObjectBuilder();
        i.executionKeys().forEach(execKeys::add);
        return JsonSupport.BUILDERS.createObjectBuilder()
                .add("partition", i.partition())
                .add("owner", i.owner())
                .add("pausedQueues", JsonSupport.array(i.pausedQueues()))
                .add("queueKeys", queueKeys)
                .add("executionKeys", execKeys)
                .add("waitingKeys", JsonSupport.array(i.waitingKeys()))
                .add("cancelledJobs", i.cancelledJobs());
    }

    private static GlobalStateInfo decodeInfo(JsonObject o) {
        String what = REPLY + " info";
        long cancelledJobs = JsonSupport.optLong(o, "cancelledJobs", 0, what);
        if (cancelledJobs < 0 || cancelledJobs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + ": field 'cancelledJobs' is out of range: " + cancelledJobs);
        }
        return new GlobalStateInfo(
                JsonSupport.string(o, "partition", what),
                JsonSupport.string(o, "owner", what),
                Set.copyOf(orEmpty(JsonSupport.optStrings(o, "pausedQueues", what))),
                orEmpty(JsonSupport.optStringMap(o, "queueKeys", what)),
                orEmpty(JsonSupport.optStringMap(o, "executionKeys", what)),
                Set.copyOf(orEmpty(JsonSupport.optStrings(o, "waitingKeys", what))),
                (int) cancelledJobs);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field, String what) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": field '" + field + "' has unknown value '" + value + "'", e);
        }
    }

    private static void addIfPresent(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
