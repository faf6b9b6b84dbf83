package dev.roger.state;

import dev.roger.api.RecurringJob;
import dev.roger.api.RecurringJobInfo;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of recurring jobs as they travel to and from a partition's state owner and as they are
 * stored: a definition ({@link RecurringJob}), the ticks the owner says to fire ({@link Due}) and
 * the listing ({@link RecurringJobInfo}).
 */
public final class RecurringCodec {

    private static final String WHAT = "Recurring job";

    private RecurringCodec() {
    }

    /**
     * A tick to enqueue: the owner recorded it as fired before it said so, so the node that
     * publishes it is the only one.
     *
     * @param triggered whether an operator asked for it ({@code tick} is then the moment they asked)
     */
    public record Fire(RecurringJob job, Instant tick, boolean triggered) {

        /** The id of the job this tick enqueues: the same for the same tick, whoever publishes it. */
        public String jobId() {
            return "r-" + job.name() + (triggered ? "-t" + tick.toEpochMilli() : "-" + tick.getEpochSecond());
        }
    }

    /**
     * The owner's answer to a node asking what is due.
     *
     * @param fires   what to enqueue now
     * @param nextDue when to ask again; empty when the partition has no active recurring job
     */
    public record Due(List<Fire> fires, Optional<Instant> nextDue) {
        public Due {
            fires = List.copyOf(fires);
        }
    }

    public static String encode(RecurringJob job) {
        return write(job).build().toString();
    }

    public static RecurringJob decodeJob(String json) {
        return read(JsonSupport.parseObject(json.getBytes(StandardCharsets.UTF_8), WHAT));
    }

    static JsonObjectBuilder write(RecurringJob job) {
        JsonObjectBuilder b = JsonSupport.BUILDERS.createObjectBuilder()
                .add("name", job.name()).add("cron", job.cron()).add("zone", job.zone().getId())
                .add("misfire", job.misfire().name()).add("type", job.type());
        job.queue().ifPresent(q -> b.add("queue", q));
        job.argsJson().ifPresent(a -> b.add("args", a));
        return b;
    }

    static RecurringJob read(JsonObject o) {
        RecurringJob.Builder b = RecurringJob.builder(JsonSupport.string(o, "name", WHAT),
                JsonSupport.string(o, "cron", WHAT), JsonSupport.string(o, "type", WHAT))
                .zone(CronSchedule.zone(JsonSupport.optString(o, "zone", WHAT)))
                .queue(JsonSupport.optString(o, "queue", WHAT))
                .argsJson(JsonSupport.optString(o, "args", WHAT));
        String misfire = JsonSupport.optString(o, "misfire", WHAT);
        if (misfire != null) {
            b.misfire(RecurringJob.Misfire.valueOf(misfire));
        }
        return b.build();
    }

    public static String encode(Due due) {
        JsonArrayBuilder fires = JsonSupport.BUILDERS.createArrayBuilder();
        for (Fire f : due.fires()) {
            fires.add(JsonSupport.BUILDERS.createObjectBuilder().add("job", write(f.job()))
                    .add("tick", f.tick().toEpochMilli()).add("triggered", f.triggered()));
        }
        JsonObjectBuilder b = JsonSupport.BUILDERS.createObjectBuilder().add("fires", fires);
        due.nextDue().ifPresent(t -> b.add("nextDue", t.toEpochMilli()));
        return b.build().toString();
    }

    public static Due decodeDue(String json) {
        JsonObject o = JsonSupport.parseObject(json.getBytes(StandardCharsets.UTF_8), WHAT);
        List<Fire> fires = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("fires")) {
            JsonObject f = v.asJsonObject();
            fires.add(new Fire(read(f.getJsonObject("job")), Instant.ofEpochMilli(JsonSupport.requiredLong(f, "tick", WHAT)),
                    JsonSupport.optBoolean(f, "triggered", WHAT)));
        }
        long next = JsonSupport.optLong(o, "nextDue", 0, WHAT);
        return new Due(fires, next == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next)));
    }

    public static String encode(List<RecurringJobInfo> list) {
        JsonArrayBuilder a = JsonSupport.BUILDERS.createArrayBuilder();
        for (RecurringJobInfo i : list) {
            JsonObjectBuilder b = JsonSupport.BUILDERS.createObjectBuilder().add("job", write(i.job()))
                    .add("paused", i.paused());
            i.lastTick().ifPresent(t -> b.add("lastTick", t.toEpochMilli()));
            i.nextTick().ifPresent(t -> b.add("nextTick", t.toEpochMilli()));
            a.add(b);
        }
        return JsonSupport.BUILDERS.createObjectBuilder().add("jobs", a).build().toString();
    }

    public static List<RecurringJobInfo> decodeList(String json) {
        JsonArray a = JsonSupport.parseObject(json.getBytes(StandardCharsets.UTF_8), WHAT).getJsonArray("jobs");
        List<RecurringJobInfo> list = new ArrayList<>();
        for (JsonValue v : a) {
            JsonObject o = v.asJsonObject();
            long last = JsonSupport.optLong(o, "lastTick", 0, WHAT);
            long next = JsonSupport.optLong(o, "nextTick", 0, WHAT);
            list.add(new RecurringJobInfo(read(o.getJsonObject("job")), JsonSupport.optBoolean(o, "paused", WHAT),
                    last == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last)),
                    next == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next))));
        }
        return list;
    }
}
