package dev.roger.state;

import dev.roger.api.spi.StatePersister;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps each partition's state in {@code <directory>/<partition>.state} ({@code <cluster>.<partition>.state}
 * in a named cluster). Only useful across nodes
 * when the directory is shared (or the cluster is one node); it is the default because it needs
 * no setup.
 */
public final class FilesystemStatePersister implements StatePersister {

    private static final System.Logger LOG = System.getLogger(FilesystemStatePersister.class.getName());

    private final Path directory;

    /**
     * @throws UncheckedIOException if the directory cannot be created
     */
    public FilesystemStatePersister(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the state directory " + directory + ": " + e, e);
        }
    }

    /** The directory the state files are in. */
    public Path directory() {
        return directory;
    }

    @Override
    public Optional<byte[]> load(String partition) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file(partition)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void store(String partition, byte[] state) throws IOException {
        Path target = file(partition);
        // A crash mid-write must leave the previous state, never half a file: write aside, then rename.
        Path temp = Files.createTempFile(directory, partition + ".", ".tmp");
        try {
            Files.write(temp, state);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.log(Level.DEBUG, "Atomic move not supported in {0}, replacing {1} non-atomically",
                        directory, target);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Path file(String partition) {
        // The partition and cluster rules keep the name inside the directory (no '/', no '..').
        return directory.resolve(ClusterStatePersister.requireKey(partition) + ".state");
    }
}
