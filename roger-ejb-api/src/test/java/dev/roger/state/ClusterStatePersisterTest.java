package dev.roger.state;

import dev.roger.api.spi.StateConfiguration;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roger.api.spi.StatePersister;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clusters that share one state directory, each with a partition of the same name. */
class ClusterStatePersisterTest {

    @TempDir
    Path dir;

    private StatePersister inCluster(String cluster) {
        return StatePersisters.create(new StateConfiguration("filesystem", dir.toString(), null, Duration.ofSeconds(30),
                Duration.ofHours(1), cluster), getClass().getClassLoader(), name -> null);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachClusterKeepsItsOwnStateOfAPartition() throws IOException {
        inCluster(null).store("default", bytes("plain"));
        inCluster("blue").store("default", bytes("blue"));
        inCluster("green").store("default", bytes("green"));

        assertArrayEquals(bytes("plain"), inCluster(null).load("default").orElseThrow());
        assertArrayEquals(bytes("blue"), inCluster("blue").load("default").orElseThrow());
        assertArrayEquals(bytes("green"), inCluster("green").load("default").orElseThrow());
        assertEquals(Optional.empty(), inCluster("red").load("default"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("blue.default.state", "default.state", "green.default.state"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aClustersPersisterTakesPartitionIdsOnly() {
        StatePersister blue = inCluster("blue");
        assertThrows(IllegalArgumentException.class, () -> blue.load("green.default"));
        assertThrows(IllegalArgumentException.class, () -> blue.store("../x", bytes("x")));
    }

    @Test
    void keysArePartitionsOrClusterDotPartition() {
        assertEquals("p", ClusterStatePersister.requireKey("p"));
        assertEquals("blue.p-1", ClusterStatePersister.requireKey("blue.p-1"));
        for (String bad : new String[] {"..", "a/b", "blue.", ".p", "a.b.c", "x".repeat(16) + ".p", null}) {
            assertThrows(IllegalArgumentException.class, () -> ClusterStatePersister.requireKey(bad), bad);
        }
    }

    @Test
    void settingsRefuseAnInvalidCluster() {
        assertThrows(IllegalArgumentException.class, () -> new StateConfiguration("none", null, null,
                Duration.ofSeconds(1), Duration.ofHours(1), "a.b"));
    }
}
