package dev.roger.it.support;

import dev.roger.testing.Programs;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs a program of this machine (openssl, keytool, rabbitmqctl) to its end, within a deadline. */
public final class Command {

    private Command() {
    }

    /**
     * Runs {@code cmd} with extra environment variables and returns what it printed.
     *
     * @throws IllegalStateException naming the command, with its output, when it cannot start, fails or
     *                               outlasts {@code timeout}
     */
    public static String run(Duration timeout, Map<String, String> env, List<String> cmd) {
        try {
            return Programs.run(timeout, env, cmd);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
        }
    }

    /** {@link #run(Duration, Map, List)} without extra environment. */
    public static String run(Duration timeout, String... cmd) {
        return run(timeout, Map.of(), List.of(cmd));
    }
}
