package dev.roger.state;

import dev.roger.api.spi.StateConfiguration;
import dev.roger.api.spi.StatePersister;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Makes the {@link StatePersister} that the resource adapter's {@code statePersister} property
 * names. Every configuration mistake becomes an {@link IllegalArgumentException} that names the
 * property, its value and the fix, because it surfaces in a server log at deployment.
 */
public final class StatePersisters {

    /** The directory of the filesystem persister when {@code stateDirectory} is not set. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "roger-state");
    }

    private StatePersisters() {
    }

    /**
     * @param settings the state properties; in a named cluster the persister is given
     *                 {@code <cluster>.<partition>} for each partition
     * @param loader   loads a custom persister class
     * @param lookup   finds a {@link DataSource} by JNDI name; may throw or return null when there is none
     * @throws IllegalArgumentException when the settings do not make a persister
     */
    public static StatePersister create(StateConfiguration settings, ClassLoader loader,
                                        Function<String, DataSource> lookup) {
        Objects.requireNonNull(settings, "settings");
        String kind = settings.persister().trim();
        StatePersister persister = switch (kind) {
            case "filesystem" -> filesystem(settings.directory());
            case "jdbc" -> jdbc(settings.dataSource(), lookup);
            case "none" -> new NoStatePersister();
            default -> custom(kind, loader);
        };
        return settings.cluster() == null ? persister : new ClusterStatePersister(persister, settings.cluster());
    }

    private static StatePersister filesystem(String directory) {
        Path dir;
        try {
            dir = directory == null || directory.isBlank() ? defaultDirectory() : Path.of(directory.trim());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("statePersister=filesystem: stateDirectory '" + directory
                    + "' is not a valid path (" + e.getMessage() + "); set it to a writable directory", e);
        }
        try {
            return new FilesystemStatePersister(dir);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("statePersister=filesystem: cannot create the state directory '" + dir
                    + "' (" + e.getCause() + "); set stateDirectory to a writable directory", e);
        }
    }

    private static StatePersister jdbc(String jndiName, Function<String, DataSource> lookup) {
        if (jndiName == null || jndiName.isBlank()) {
            throw new IllegalArgumentException("statePersister=jdbc needs stateDataSource: set stateDataSource to "
                    + "the JNDI name of a DataSource (for example java:app/jdbc/roger)");
        }
        String name = jndiName.trim();
        DataSource ds;
        try {
            ds = lookup.apply(name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("statePersister=jdbc: stateDataSource '" + name
                    + "' could not be looked up (" + e + "); define that DataSource or correct stateDataSource", e);
        }
        if (ds == null) {
            throw new IllegalArgumentException("statePersister=jdbc: stateDataSource '" + name
                    + "' was not found; define that DataSource or correct stateDataSource");
        }
        return new JdbcStatePersister(ds);
    }

    private static StatePersister custom(String className, ClassLoader loader) {
        String hint = "; use filesystem, jdbc, none, or the name of a class that implements "
                + StatePersister.class.getName() + " and has a public no-argument constructor";
        if (className.isEmpty()) {
            throw new IllegalArgumentException("statePersister is blank" + hint);
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("statePersister '" + className + "' is not a known kind and no such "
                    + "class is visible to the resource adapter (" + e + ")" + hint, e);
        }
        if (!StatePersister.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("statePersister '" + className + "' does not implement "
                    + StatePersister.class.getName() + hint);
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("statePersister '" + className + "' is abstract" + hint);
        }
        try {
            return (StatePersister) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException("statePersister '" + className
                    + "' has no public no-argument constructor" + hint, e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("statePersister '" + className + "' failed in its constructor ("
                    + e.getCause() + "); fix that class or choose another statePersister", e.getCause());
        } catch (InstantiationException e) {
            throw new IllegalArgumentException("statePersister '" + className + "' cannot be instantiated" + hint, e);
        }
    }
}
