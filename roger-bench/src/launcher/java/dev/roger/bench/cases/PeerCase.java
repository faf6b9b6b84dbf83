package dev.roger.bench.cases;

import dev.roger.bench.load.BatchProducer;
import dev.roger.bench.peers.JobRunrRunner;
import dev.roger.bench.peers.PostgresDatabase;
import dev.roger.bench.report.Field;
import java.lang.System.Logger.Level;

/**
 * Case 4, a peer: JobRunr (a background-job library that stores jobs in a database) on the local
 * PostgreSQL, in its own plain Java process, with Roger's worker count (10), job count and batches,
 * at its smallest poll interval for SQL storage (5 s). Each run gets a new database; it is dropped
 * at the end.
 */
public final class PeerCase {

    private static final System.Logger LOG = System.getLogger(PeerCase.class.getName());
    private static final int WORKERS = 10;

    private final BenchContext ctx;
    private final PostgresDatabase database;

    public PeerCase(BenchContext ctx, PostgresDatabase database) {
        this.ctx = ctx;
        this.database = database;
    }

    public void run() throws InterruptedException {
        ctx.results().version("postgresql", database.serverVersion());
        ctx.results().add(Field.JOBRUNR_POLL_INTERVAL_S, JobRunrRunner.POLL_SECONDS);
        JobRunrRunner runner = new JobRunrRunner(ctx.config(), database);
        try {
            for (int rep = 0; rep < ctx.mode().repetitions(); rep++) {
                JobRunrRunner.Result r = runner.run(ctx.mode().jobs(), WORKERS, BatchProducer.THREADS,
                        BatchProducer.BATCH, rep);
                ctx.results().add(Field.JOBRUNR_JOBS_PER_S, r.jobsPerSecond());
                LOG.log(Level.INFO, "Case 4, run {0}: JobRunr {1} jobs/s ({2} s to enqueue)", rep + 1,
                        Math.round(r.jobsPerSecond()), r.enqueueSeconds());
            }
        } finally {
            database.drop();
        }
    }
}
