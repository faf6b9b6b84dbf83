package dev.roger.state;

import dev.roger.api.spi.StateConfiguration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.spi.StatePersister;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

class StatePersistersTest {

    private static final ClassLoader LOADER = StatePersistersTest.class.getClassLoader();
    private static final Function<String, DataSource> NO_LOOKUP = name -> {
        throw new AssertionError("no lookup expected");
    };

    @TempDir
    Path dir;

    private static StateConfiguration settings(String persister, String directory, String dataSource) {
        return new StateConfiguration(persister, directory, dataSource, Duration.ofSeconds(30), Duration.ofHours(1));
    }

    private static IllegalArgumentException fails(StateConfiguration settings, Function<String, DataSource> lookup,
                                                  String... expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StatePersisters.create(settings, LOADER, lookup));
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), "'" + e.getMessage() + "' should mention '" + s + "'");
        }
        return e;
    }

    /** A user's persister, as named in the statePersister property. */
    public static class Custom implements StatePersister {
        @Override
        public Optional<byte[]> load(String partition) {
            return Optional.of(new byte[] {1});
        }

        @Override
        public void store(String partition, byte[] state) {
        }
    }

    /** No public no-argument constructor. */
    public static class NeedsArgument extends Custom {
        public NeedsArgument(String argument) {
        }
    }

    /** Fails when made. */
    public static class Exploding extends Custom {
        public Exploding() {
            throw new IllegalStateException("boom");
        }
    }

    /** Cannot be made at all. */
    public abstract static class Abstract extends Custom {
    }

    @Test
    void filesystemUsesTheDirectory() throws IOException {
        Path target = dir.resolve("state");
        StatePersister p = StatePersisters.create(settings("filesystem", target.toString(), null), LOADER, NO_LOOKUP);
        FilesystemStatePersister fs = assertInstanceOf(FilesystemStatePersister.class, p);
        assertEquals(target, fs.directory());
        assertTrue(Files.isDirectory(target));
    }

    @Test
    void filesystemDefaultsToTheTempDirectory() {
        Path expected = Path.of(System.getProperty("java.io.tmpdir"), "roger-state");
        for (String directory : new String[] {null, "", "  "}) {
            StatePersister p = StatePersisters.create(settings("filesystem", directory, null), LOADER, NO_LOOKUP);
            assertEquals(expected, assertInstanceOf(FilesystemStatePersister.class, p).directory());
        }
    }

    @Test
    void filesystemReportsAnUnusableDirectory() throws IOException {
        Path file = Files.createFile(dir.resolve("a-file"));
        fails(settings("filesystem", file.resolve("sub").toString(), null), NO_LOOKUP,
                "statePersister=filesystem", file.resolve("sub").toString(), "stateDirectory");
    }

    @Test
    void jdbcLooksUpTheDataSource() {
        DataSource ds = new PGSimpleDataSource();
        StatePersister p = StatePersisters.create(settings("jdbc", null, "java:app/jdbc/roger"), LOADER,
                name -> "java:app/jdbc/roger".equals(name) ? ds : null);
        assertEquals(JdbcStatePersister.DEFAULT_TABLE, assertInstanceOf(JdbcStatePersister.class, p).table());
    }

    @Test
    void jdbcNeedsADataSource() {
        fails(settings("jdbc", null, null), NO_LOOKUP, "statePersister=jdbc", "stateDataSource", "JNDI name");
        fails(settings("jdbc", null, " "), NO_LOOKUP, "stateDataSource");
        fails(settings("jdbc", null, "java:app/jdbc/missing"), name -> null,
                "statePersister=jdbc", "stateDataSource", "java:app/jdbc/missing", "not found");
        IllegalArgumentException e = fails(settings("jdbc", null, "java:app/jdbc/bad"), name -> {
            throw new IllegalStateException("naming failed");
        }, "stateDataSource", "java:app/jdbc/bad", "naming failed");
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void noneKeepsNothing() throws IOException {
        StatePersister p = StatePersisters.create(settings("none", null, null), LOADER, NO_LOOKUP);
        assertInstanceOf(NoStatePersister.class, p);
        p.store("p1", new byte[] {1});
        assertEquals(Optional.empty(), p.load("p1"));
    }

    @Test
    void customClassIsMadeWithTheLoader() throws IOException {
        StatePersister p = StatePersisters.create(settings(Custom.class.getName(), null, null), LOADER, NO_LOOKUP);
        assertInstanceOf(Custom.class, p);
        assertEquals(1, p.load("p").orElseThrow()[0]);
    }

    @Test
    void customClassErrorsSayWhatToDo() {
        String hint = "public no-argument constructor";
        fails(settings("com.example.Missing", null, null), NO_LOOKUP, "statePersister", "com.example.Missing",
                "filesystem, jdbc, none", hint);
        fails(settings("java.lang.String", null, null), NO_LOOKUP, "statePersister", "java.lang.String",
                "does not implement", StatePersister.class.getName());
        fails(settings(NeedsArgument.class.getName(), null, null), NO_LOOKUP, "statePersister",
                NeedsArgument.class.getName(), hint);
        fails(settings(Abstract.class.getName(), null, null), NO_LOOKUP, "statePersister",
                Abstract.class.getName(), "abstract");
        IllegalArgumentException e = fails(settings(Exploding.class.getName(), null, null), NO_LOOKUP,
                "statePersister", Exploding.class.getName(), "boom");
        assertInstanceOf(IllegalStateException.class, e.getCause());
        fails(settings("  ", null, null), NO_LOOKUP, "statePersister", "blank");
        fails(settings("Filesystem", null, null), NO_LOOKUP, "statePersister", "Filesystem");
    }
}
