package dev.roger.bench.cases;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Keeps a run's raw latencies (microseconds, in the order the jobs started) next to the logs, so a
 * tail can be looked at afterwards: spread over the run, or all at its start?
 */
final class RawSamples {

    private static final System.Logger LOG = System.getLogger(RawSamples.class.getName());

    private RawSamples() {
    }

    static void write(Path file, long[] micros) {
        try {
            Files.writeString(file, Arrays.stream(micros).mapToObj(Long::toString).collect(Collectors.joining("\n")));
        } catch (IOException e) {
            // Only a diagnostic: the figures are computed from memory.
            LOG.log(Level.WARNING, "Could not write {0}: {1}", file, e.getMessage());
        }
    }
}
