package dev.roger.chaos.report;

import dev.roger.chaos.fault.FaultRecord;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes a run's results as JSON: the mode, every phase's figures and faults, the verdict. */
public final class ResultsFile {

    private ResultsFile() {
    }

    public static void write(Path file, String mode, Instant startedAt, double seconds, List<PhaseResult> phases,
                             boolean passed) throws IOException {
        JsonArrayBuilder all = Json.createArrayBuilder();
        phases.forEach(p -> all.add(phase(p)));
        JsonObject root = Json.createObjectBuilder()
                .add("mode", mode)
                .add("startedAt", startedAt.toString())
                .add("seconds", round(seconds))
                .add("passed", passed)
                .add("phases", all)
                .build();
        Files.createDirectories(file.toAbsolutePath().getParent());
        JsonWriterFactory factory = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); JsonWriter json = factory.createWriter(w)) {
            json.writeObject(root);
        }
    }

    static JsonObject phase(PhaseResult p) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("name", p.name())
                .add("passed", p.passed())
                .add("brokers", Json.createArrayBuilder(p.brokers()))
                .add("bootSeconds", round(p.bootSeconds()))
                .add("seconds", round(p.seconds()));
        if (p.failure() != null) {
            b.add("failure", p.failure());
        }
        Tally t = p.tally();
        if (t != null) {
            b.add("planned", t.planned()).add("confirmed", t.confirmed()).add("executed", t.executed())
                    .add("lost", t.lost()).add("duplicated", t.duplicated()).add("extraExecutions", t.extraExecutions())
                    .add("duplicatedAfterEnqueueRetry", t.duplicatedAfterRetry())
                    .add("executedUnconfirmed", t.executedUnconfirmed()).add("enqueueThrew", t.enqueueThrew())
                    .add("gaveUp", t.gaveUp())
                    .add("lostSample", Json.createArrayBuilder(t.lostSample()))
                    .add("duplicatedSample", Json.createArrayBuilder(t.duplicatedSample()));
        }
        b.add("buried", p.buried().count())
                .add("buriedReasons", counts(p.buried().reasons()))
                .add("buriedSample", Json.createArrayBuilder(p.buried().sample()))
                .add("lostAmongBuried", p.buried().lost())
                .add("executedAmongBuried", p.buried().executed())
                .add("duplicatesByFault", counts(p.duplicatesByFault()))
                .add("leftInQueues", longs(p.leftInQueues()))
                .add("consumersAtEnd", counts(p.consumersAtEnd()))
                .add("failedEnqueueCalls", p.failedEnqueues())
                .add("enqueueErrors", counts(p.enqueueErrors()))
                .add("executionsPerNode", counts(p.executionsPerNode()));
        JsonObjectBuilder members = Json.createObjectBuilder();
        p.queueMembers().forEach((q, m) -> members.add(q, Json.createArrayBuilder(m)));
        b.add("queueMembers", members);
        JsonArrayBuilder faults = Json.createArrayBuilder();
        for (FaultRecord f : p.faults()) {
            JsonObjectBuilder fault = Json.createObjectBuilder()
                    .add("fault", f.name())
                    .add("injectedAt", f.injectedAt().toString())
                    .add("atSeconds", round(f.atSeconds()))
                    .add("jobsSent", f.jobsSent())
                    .add("detail", f.detail())
                    .add("recoverySeconds", round(f.recoverySeconds()));
            if (f.problem() != null) {
                fault.add("problem", f.problem());
            }
            faults.add(fault);
        }
        b.add("faults", faults);
        JsonObjectBuilder warnings = Json.createObjectBuilder();
        p.warnings().forEach((log, w) -> warnings.add(log, counts(w)));
        return b.add("nodeWarnings", warnings).build();
    }

    private static JsonObjectBuilder counts(Map<String, Integer> m) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        m.forEach(b::add);
        return b;
    }

    private static JsonObjectBuilder longs(Map<String, Long> m) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        m.forEach(b::add);
        return b;
    }

    private static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }
}
