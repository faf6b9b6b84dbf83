package dev.roger.bench.peers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.carbonaware.CarbonAwareJobProcessingConfiguration;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.jsonb.JsonbJsonMapper;

/**
 * The JobRunr side of the peer case, run as its own plain Java process by {@link JobRunrRunner}:
 * JobRunr with PostgreSQL storage and a background job server of the same worker count as Roger's,
 * fed the same number of no-op jobs in batches from a few threads, timed from the first enqueue to
 * the moment every job is stored as succeeded. Prints one {@code RESULT} line for the launcher.
 *
 * <p>Arguments: jdbcUrl user jobs workers producerThreads batch pollSeconds timeoutSeconds.
 */
public final class JobRunrWorkload {

    private static final long POLL_MILLIS = 50;

    private JobRunrWorkload() {
    }

    private static final System.Logger LOG = System.getLogger(JobRunrWorkload.class.getName());

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (Exception e) {
            // The launcher reports the log's path; the cause with its trace is there.
            LOG.log(System.Logger.Level.ERROR, "JobRunr run failed: " + e, e);
            code = 1;
        }
        System.exit(code);
    }

    private static int run(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        int jobs = Integer.parseInt(args[2]);
        int workers = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        int batch = Integer.parseInt(args[5]);
        int pollSeconds = Integer.parseInt(args[6]);
        long timeoutSeconds = Long.parseLong(args[7]);

        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        // Every worker, producer and JobRunr's own zookeeper can hold a connection at once.
        pool.setMaximumPoolSize(workers + threads + 5);
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            JobScheduler scheduler = JobRunr.configure()
                    .useJsonMapper(new JsonbJsonMapper())
                    .useStorageProvider(new PostgresStorageProvider(dataSource))
                    .useBackgroundJobServer(BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                            .andWorkerCount(workers)
                            .andPollInterval(Duration.ofSeconds(pollSeconds))
                            // No calls to JobRunr's carbon-intensity API: this machine talks to nothing outside.
                            .andCarbonAwareJobProcessingConfiguration(
                                    CarbonAwareJobProcessingConfiguration.usingDisabledCarbonAwareJobProcessingConfiguration()))
                    .initialize()
                    .getJobScheduler();

            long start = System.nanoTime();
            enqueue(scheduler, jobs, threads, batch, timeoutSeconds);
            long enqueued = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            long succeeded;
            while ((succeeded = succeeded(dataSource)) < jobs) {
                if (System.nanoTime() > deadline) {
                    System.out.println("RESULT-FAILED only " + succeeded + " of " + jobs + " jobs succeeded within "
                            + timeoutSeconds + " s");
                    JobRunr.destroy();
                    return 2;
                }
                Thread.sleep(POLL_MILLIS);
            }
            long end = System.nanoTime();
            System.out.printf("RESULT jobs=%d seconds=%.3f enqueueSeconds=%.3f%n", jobs, (end - start) / 1e9,
                    (enqueued - start) / 1e9);
            JobRunr.destroy();
        }
        return 0;
    }

    private static void enqueue(JobScheduler scheduler, int jobs, int threads, int batch, long timeoutSeconds)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                producers.add(pool.submit(() -> {
                    int from;
                    while ((from = next.getAndAdd(batch)) < jobs) {
                        // One batch insert per call, like Roger's enqueueAll.
                        scheduler.enqueue(IntStream.range(from, Math.min(jobs, from + batch)).boxed(),
                                i -> NoopTask.run());
                    }
                    return null;
                }));
            }
            for (Future<?> p : producers) {
                p.get(timeoutSeconds, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long succeeded(HikariDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM jobrunr_jobs WHERE state = 'SUCCEEDED'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
