package dev.roger.chaos.broker;

import dev.roger.chaos.ChaosFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line tool ({@code rabbitmqctl}, {@code rabbitmq-server}) to its end within a
 * deadline and returns its output. Output goes to a file rather than a pipe, so waiting with a
 * deadline needs no reader thread and a full pipe cannot block the tool.
 */
final class Command {

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Command() {
    }

    /** Runs {@code command}; a non-zero exit is returned, not thrown. */
    static Result run(List<String> command, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("roger-chaos-cmd", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ChaosFailure(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ChaosFailure("Cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosFailure("Interrupted while running " + command.get(0), e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A stray temp file is harmless.
                }
            }
        }
    }

    /** Runs {@code command} and returns its output. @throws ChaosFailure when it exits non-zero */
    static String require(List<String> command, Duration timeout) {
        Result r = run(command, timeout);
        if (!r.ok()) {
            throw new ChaosFailure(String.join(" ", command) + " failed (exit " + r.exitCode() + "): "
                    + abbreviate(r.output()));
        }
        return r.output();
    }

    static String abbreviate(String s) {
        String oneLine = s.strip().replaceAll("\\s*\\R\\s*", " | ");
        return oneLine.length() > 400 ? oneLine.substring(0, 400) + "..." : oneLine;
    }
}
