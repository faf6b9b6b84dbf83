package dev.roger.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemStatePersisterTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void missingPartitionLoadsEmpty() throws IOException {
        assertEquals(Optional.empty(), new FilesystemStatePersister(dir).load("p1"));
    }

    @Test
    void storeThenLoadAndReplace() throws IOException {
        FilesystemStatePersister persister = new FilesystemStatePersister(dir);
        persister.store("p1", bytes("{\"v\":1}"));
        assertArrayEquals(bytes("{\"v\":1}"), persister.load("p1").orElseThrow());
        assertArrayEquals(bytes("{\"v\":1}"), Files.readAllBytes(dir.resolve("p1.state")));

        persister.store("p1", bytes("{\"v\":1,\"cancelVersion\":2}"));
        assertArrayEquals(bytes("{\"v\":1,\"cancelVersion\":2}"), persister.load("p1").orElseThrow());
        assertEquals(Optional.empty(), persister.load("p2"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("p1.state")), files.toList(), "no temporary files are left behind");
        }
    }

    @Test
    void aNewInstanceSeesTheStoredState() throws IOException {
        new FilesystemStatePersister(dir).store("p1", bytes("x"));
        assertArrayEquals(bytes("x"), new FilesystemStatePersister(dir).load("p1").orElseThrow());
    }

    @Test
    void createsTheDirectory() throws IOException {
        Path nested = dir.resolve("a/b/c");
        FilesystemStatePersister persister = new FilesystemStatePersister(nested);
        assertTrue(Files.isDirectory(nested));
        persister.store("p1", bytes("x"));
        assertTrue(Files.exists(nested.resolve("p1.state")));
    }

    @Test
    void partitionNamesCannotEscapeTheDirectory() {
        FilesystemStatePersister persister = new FilesystemStatePersister(dir);
        assertThrows(IllegalArgumentException.class, () -> persister.store("../evil", bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> persister.load("a/b"));
    }
}
