package dev.roger.bench.report;

import dev.roger.bench.BenchFailure;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a run to {@code bench/results/<date>-<mode>.json}: the fields (medians; null for cases
 * that did not run) at the top level where tools read them, then the machine, versions, goals,
 * how each case ended, notes, and every repetition's raw values.
 */
public final class ResultsFile {

    private ResultsFile() {
    }

    /** Writes the file and returns its path. */
    public static Path write(Results r, Path dir) {
        return write(r, dir, "");
    }

    /** Writes {@code <date>-<mode><suffix>.json} and returns its path. */
    public static Path write(Results r, Path dir, String suffix) {
        Path file = dir.resolve(r.date() + "-" + r.mode().name() + suffix + ".json");
        JsonGeneratorFactory factory = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 JsonGenerator g = factory.createGenerator(w)) {
                g.writeStartObject();
                g.write("mode", r.mode().name());
                g.write("date", r.date().toString());
                for (Field f : Field.values()) {
                    number(g, f.key(), r.get(f));
                }
                g.writeStartObject("machine")
                        .write("cores", r.machine().cores())
                        .write("memory_mb", r.machine().memoryMb())
                        .writeEnd();
                g.writeStartObject("versions");
                r.versions().forEach(g::write);
                g.writeEnd();
                g.writeStartArray("targets");
                for (Targets.Target t : Targets.check(r)) {
                    g.writeStartObject().write("key", t.key()).write("goal", t.goal());
                    if (t.met() == null) {
                        g.writeNull("met");
                    } else {
                        g.write("met", t.met());
                    }
                    g.write("detail", t.detail()).writeEnd();
                }
                g.writeEnd();
                g.writeStartObject("cases");
                r.cases().forEach((key, s) -> {
                    g.writeStartObject(key).write("label", s.label()).write("status", s.ok() ? "ran" : "failed");
                    if (s.error() != null) {
                        g.write("error", s.error());
                    }
                    g.writeEnd();
                });
                g.writeEnd();
                g.writeStartArray("notes");
                r.notes().forEach(g::write);
                g.writeEnd();
                g.writeStartObject("repetitions");
                for (Field f : Field.values()) {
                    List<Double> samples = r.samples(f);
                    if (!samples.isEmpty()) {
                        g.writeStartArray(f.key());
                        samples.forEach(v -> g.write(round(v)));
                        g.writeEnd();
                    }
                }
                g.writeEnd();
                g.writeEnd();
            }
        } catch (IOException e) {
            throw new BenchFailure("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static void number(JsonGenerator g, String key, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            g.writeNull(key);
        } else {
            g.write(key, round(value));
        }
    }

    /** Three decimals: finer is noise, and the file stays readable. */
    private static BigDecimal round(double v) {
        BigDecimal b = BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        // stripTrailingZeros turns 1000 into 1E+3, valid JSON but hard to read.
        return b.scale() < 0 ? b.setScale(0) : b;
    }
}
