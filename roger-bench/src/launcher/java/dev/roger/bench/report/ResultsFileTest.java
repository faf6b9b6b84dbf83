package dev.roger.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.bench.BenchConfig;
import dev.roger.bench.BenchMode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {

    @Test
    void mediansAtTheTopNullForCasesThatDidNotRun(@TempDir Path dir) throws IOException {
        Results r = new Results(BenchMode.QUICK, LocalDate.of(2026, 1, 2), new Results.Machine(2, 24000),
                new BenchConfig.Versions("0.1", "6", "2.22.1", "8.7.0", "17"));
        r.add(Field.ROGER_JOBS_PER_S, 1000);
        r.add(Field.ROGER_JOBS_PER_S, 3000);
        r.add(Field.ROGER_JOBS_PER_S, 2000);
        r.add(Field.PERFTEST_MSGS_PER_S, 4000);
        r.derive(Field.THROUGHPUT_RATIO, r.ratio(Field.ROGER_JOBS_PER_S, Field.PERFTEST_MSGS_PER_S));
        r.caseRan("throughput", "2 Roger throughput");
        r.caseFailed("tenants", "7 many tenants", "not started: no file descriptors");

        Path file = ResultsFile.write(r, dir);

        assertEquals("2026-01-02-quick.json", file.getFileName().toString());
        JsonObject o = Json.createReader(new StringReader(Files.readString(file))).readObject();
        assertEquals(2000, o.getJsonNumber("roger_jobs_per_s").intValue());
        assertEquals(0.5, o.getJsonNumber("throughput_ratio").doubleValue());
        assertEquals(JsonValue.NULL, o.get("tenants_ready_s"));
        assertEquals("failed", o.getJsonObject("cases").getJsonObject("tenants").getString("status"));
        assertEquals(3, o.getJsonObject("repetitions").getJsonArray("roger_jobs_per_s").size());
        assertEquals(2, o.getJsonObject("machine").getInt("cores"));
        assertFalse(r.allCasesRan());
        assertTrue(o.getJsonArray("targets").stream().anyMatch(t -> t.asJsonObject().getString("key").equals("throughput")
                && !t.asJsonObject().getBoolean("met")));
    }
}
