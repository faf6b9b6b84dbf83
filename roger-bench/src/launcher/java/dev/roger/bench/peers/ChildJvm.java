package dev.roger.bench.peers;

import dev.roger.bench.BenchFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a separate JVM on the launcher's own class path, its output to a log file,
 * and waits for it with a deadline. The peers run in their own JVMs so that their threads, heap and
 * GC neither disturb the launcher nor get disturbed by it, as Roger's node runs in its own.
 */
final class ChildJvm {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    private ChildJvm() {
    }

    /** What a finished child printed, and how it ended. */
    record Outcome(int exitCode, String output) {
    }

    /**
     * Runs {@code mainClass} and returns once it exited.
     *
     * @throws BenchFailure when it cannot start or runs longer than {@code timeoutSeconds} (it is then killed)
     */
    static Outcome run(String what, Path log, List<String> jvmOptions, String mainClass, List<String> args,
                       long timeoutSeconds) throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new BenchFailure("Cannot start " + what + ": " + e.getMessage(), e);
        }
        RUNNING.add(process);
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new BenchFailure(what + " did not finish within " + timeoutSeconds + " s; killed (log: " + log + ")");
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            RUNNING.remove(process);
        }
        try {
            return new Outcome(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BenchFailure("Cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    /** Kills any child still running: the launcher's shutdown hook calls this, so Ctrl-C leaves none behind. */
    static void killAll() {
        for (Process p : RUNNING) {
            p.destroyForcibly();
        }
    }
}
