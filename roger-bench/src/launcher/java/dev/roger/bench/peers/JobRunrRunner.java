package dev.roger.bench.peers;

import dev.roger.bench.BenchConfig;
import dev.roger.bench.BenchFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@link JobRunrWorkload} as a plain Java process on a fresh PostgreSQL database, and reads
 * its result.
 */
public final class JobRunrRunner {

    /**
     * JobRunr's smallest poll interval for SQL storage ("The smallest supported pollInterval is 5
     * seconds" from AbstractStorageProvider); its default is 15.
     */
    public static final int POLL_SECONDS = 5;
    private static final Pattern RESULT = Pattern.compile("RESULT jobs=(\\d+) seconds=([0-9.]+) enqueueSeconds=([0-9.]+)");

    private final BenchConfig config;
    private final PostgresDatabase database;

    public JobRunrRunner(BenchConfig config, PostgresDatabase database) {
        this.config = config;
        this.database = database;
    }

    /** What one JobRunr run did. */
    public record Result(int jobs, double seconds, double enqueueSeconds) {

        public double jobsPerSecond() {
            return jobs / seconds;
        }
    }

    /** Runs {@code jobs} no-op jobs with {@code workers} workers; the database is new for the run. */
    public Result run(int jobs, int workers, int producerThreads, int batch, int run) throws InterruptedException {
        database.recreate();
        Path log = config.dir().resolve("jobrunr-" + run + ".log");
        long timeout = 120 + jobs / 50;
        ChildJvm.Outcome outcome = ChildJvm.run("JobRunr", log, List.of("-Xmx1g"), JobRunrWorkload.class.getName(),
                List.of(database.url(), database.user(), Integer.toString(jobs), Integer.toString(workers),
                        Integer.toString(producerThreads), Integer.toString(batch), Integer.toString(POLL_SECONDS),
                        Long.toString(timeout)),
                timeout + 60);
        Matcher m = RESULT.matcher(outcome.output());
        if (outcome.exitCode() != 0 || !m.find()) {
            throw new BenchFailure("JobRunr run failed (exit " + outcome.exitCode() + "; log: " + log + ")");
        }
        return new Result(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
    }
}
