package dev.roger.it.longjobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The runs of jobs, written by the jobs as files in a directory both the test and the Payara
 * nodes see: {@code <jobId>.<runId>.start} and {@code .stop}, each holding the node's pid and the
 * wall clock in microseconds. Files, not a shared table: a node killed mid-run leaves its start.
 */
public final class Runs {

    /** One run of a job: stop is -1 while it runs or when its node died. */
    public record Run(String jobId, String pid, long start, long stop) {
    }

    private final Path dir;

    public Runs(Path dir) {
        this.dir = dir;
    }

    /** Records a start; returns the run's id for {@link #stopped}. */
    public String started(String jobId) throws IOException {
        String run = UUID.randomUUID().toString();
        mark(jobId + "." + run + ".start");
        return run;
    }

    public void stopped(String jobId, String run) throws IOException {
        mark(jobId + "." + run + ".stop");
    }

    private void mark(String name) throws IOException {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + " " + micros);
        // Renamed into place so a reader never sees a half-written mark.
        Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The runs of one job, by start. */
    public List<Run> of(String jobId) {
        return all().stream().filter(r -> r.jobId().equals(jobId)).toList();
    }

    /** Every run recorded, by start. */
    public List<Run> all() {
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path start : files.filter(p -> p.getFileName().toString().endsWith(".start")).toList()) {
                String name = start.getFileName().toString();
                String[] parts = name.substring(0, name.length() - ".start".length()).split("\\.");
                String[] at = Files.readString(start).split(" ");
                Path stopFile = start.resolveSibling(parts[0] + "." + parts[1] + ".stop");
                long stop = Files.exists(stopFile) ? Long.parseLong(Files.readString(stopFile).split(" ")[1]) : -1;
                runs.add(new Run(parts[0], at[0], Long.parseLong(at[1]), stop));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runs.sort(Comparator.comparingLong(Run::start));
        return runs;
    }

    /** The most runs in progress at one moment. */
    public static int mostAtOnce(List<Run> runs) {
        int most = 0;
        for (Run r : runs) {
            long at = r.start();
            int running = (int) runs.stream().filter(o -> o.start() <= at && (o.stop() < 0 || o.stop() > at)).count();
            most = Math.max(most, running);
        }
        return most;
    }
}
