package dev.roger.bench.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.bench.BenchFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostBootFileTest {

    private static final String BOOTED = """
            Boot Command set returned with result SUCCESS : PlainTextActionReporterSUCCESS
                configs.config.server-config.mdb-container.max-pool-size=256
            Boot Command set returned with result SUCCESS : PlainTextActionReporterSUCCESS
                configs.config.server-config.thread-pools.thread-pool.thread-pool-1.max-thread-pool-size=256
            Boot Command deploy returned with result SUCCESS : PlainTextActionReporterSUCCESS
            """;

    @Test
    void adapterConfigComesBeforeTheRarAndIsEscaped(@TempDir Path dir) throws IOException {
        Path file = PostBootFile.write(dir.resolve("boot.txt"), 256, Map.of("uri", "amqp://h:5672"), Path.of("/x/roger-ra.rar"), List.of());
        List<String> lines = Files.readAllLines(file);
        assertEquals("create-resource-adapter-config --property uri=amqp\\://h\\:5672 roger-ra", lines.get(4));
        assertEquals("deploy --name roger-ra /x/roger-ra.rar", lines.get(5));
    }

    @Test
    void aFailedBootCommandFailsTheNode() {
        assertThrows(BenchFailure.class, () -> PostBootFile.verify(
                BOOTED + "Boot Command set returned with result FAILURE : no such attribute", 256, Map.of()));
    }

    @Test
    void poolsMustReadBackAsSet() {
        assertThrows(BenchFailure.class, () -> PostBootFile.verify(BOOTED, 128, Map.of()));
    }

    @Test
    void reportsAdapterPropertiesTheRarDoesNotKnow() {
        List<String> unknown = PostBootFile.verify(BOOTED + "RAR7097: No setter method present for the property "
                + "maxConcurrentJobs in the class dev.roger.ra.RogerResourceAdapter", 256, Map.of("maxConcurrentJobs", "16"));
        assertEquals(List.of("maxConcurrentJobs"), unknown);
        assertTrue(PostBootFile.verify(BOOTED, 256, Map.of("maxConcurrentJobs", "16")).isEmpty());
    }
}
