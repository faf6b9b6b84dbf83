package dev.roger.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How the tests run RabbitMQ's command-line tools ({@code rabbitmqctl}, {@code rabbitmq-server},
 * ...) so that they address the broker under test, not whichever broker this machine runs:
 * <ul>
 * <li>{@code ROGER_RABBITMQ_BIN}: the folder of the installation's tools (e.g. the wrappers that
 * {@code tools/rabbitmq4} writes for RabbitMQ 4 in its chroot); unset, the tools on the PATH.</li>
 * <li>{@code ROGER_RABBITMQ_NODE}: the node the broker under test runs as; unset, the tools' default
 * node (the machine's own broker).</li>
 * </ul>
 * Set them together with {@code ROGER_AMQP_URI} ({@code eval "$(tools/rabbitmq4 env)"} does).
 */
public final class RabbitCli {

    private RabbitCli() {
    }

    /** The command line of one of the installation's tools, e.g. {@code rabbitmq-server}. */
    public static List<String> tool(String name) {
        String bin = System.getenv("ROGER_RABBITMQ_BIN");
        return List.of(bin == null || bin.isBlank() ? name : Path.of(bin, name).toString());
    }

    /**
     * Whether the tools belong to an installation of their own ({@code ROGER_RABBITMQ_BIN}): its
     * wrappers switch to the broker's user themselves, so they are run as they are.
     */
    public static boolean ownInstallation() {
        String bin = System.getenv("ROGER_RABBITMQ_BIN");
        return bin != null && !bin.isBlank();
    }

    /** {@code rabbitmqctl} against the broker under test, with {@code args}. */
    public static List<String> ctl(String... args) {
        List<String> cmd = new ArrayList<>(tool("rabbitmqctl"));
        String node = System.getenv("ROGER_RABBITMQ_NODE");
        if (node != null && !node.isBlank()) {
            cmd.addAll(List.of("-n", node));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Runs {@code rabbitmqctl} against the broker under test and returns what it printed; empty
     * where this machine has no rabbitmqctl (a Testcontainers broker).
     *
     * @throws IllegalStateException when it fails or takes over a minute
     */
    public static Optional<String> run(String... args) {
        List<String> cmd = ctl(args);
        Path out = null;
        try {
            // A file, not a pipe: the output is read only once the tool ended.
            out = Files.createTempFile("roger-rabbitmqctl", ".out");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 60 s");
            }
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + printed);
            }
            return Optional.of(printed);
        } catch (IOException e) {
            if (out == null) {
                throw new IllegalStateException("cannot create a temporary file: " + e.getMessage(), e);
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd, e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // A temporary file left behind: harmless.
                }
            }
        }
    }
}
