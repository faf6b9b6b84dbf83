package dev.roger.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program of this machine (openssl, keytool, rabbitmqctl) to its end, within a deadline. */
public final class Programs {

    private Programs() {
    }

    /**
     * Runs {@code cmd} with extra environment variables and returns what it printed.
     *
     * @throws IOException           when the program cannot be started (e.g. it is not installed)
     * @throws IllegalStateException naming the command, with its output, when it fails or outlasts {@code timeout}
     */
    public static String run(Duration timeout, Map<String, String> env, List<String> cmd) throws IOException {
        Path out = Files.createTempFile("roger-test-cmd", ".out");
        try {
            // A file, not a pipe: a program that leaves a daemon behind (rabbitmq-server -detached)
            // would hold a pipe open and block the read.
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // Its children too: su and the Erlang VM outlive a killed wrapper script.
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(cmd.get(0) + " did not finish in " + timeout + ": " + cmd
                        + "\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(cmd.get(0) + " failed with " + p.exitValue() + ": " + cmd + "\n" + printed);
            }
            return printed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd, e);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // A temporary file left behind: harmless.
            }
        }
    }
}
