package dev.roger.bench.app;

import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import dev.roger.api.RogerOutbox;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;

/**
 * {@code POST /roger-bench/outbox?mode=outbox|after-commit|plain&partition=p&n=N&batch=B[&pauseMillis=M]}:
 * writes N no-op jobs from this one request thread, as an application would, and answers when the
 * first write began and the last one returned (epoch microseconds). {@code outbox}: N/B
 * {@code UserTransaction}s, each writing B jobs with {@link RogerOutbox#enqueue} and nothing else;
 * {@code after-commit}: the same transactions with {@link RogerClient#enqueue}, which publishes
 * after each commit; {@code plain}: {@link RogerClient#enqueue} outside any transaction. Each job
 * carries the moment it was written ({@link WrittenAt}). {@code pauseMillis} waits between
 * transactions (batches in plain mode), for the latency at a light load.
 *
 * <p>The DataSource is the outbox node's database; the launcher names it with the JVM's system
 * properties {@code bench.outbox.url} and {@code bench.outbox.user} (Payara expands them here). It
 * is defined on every node, but only the node the outbox case starts has the properties and the
 * adapter's {@code outboxDataSource}, and only this servlet uses it.
 */
@DataSourceDefinition(name = OutboxServlet.DATA_SOURCE, className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${bench.outbox.url}", user = "${bench.outbox.user}")
@WebServlet("/outbox")
public class OutboxServlet extends HttpServlet {

    /** The JNDI name the launcher gives the adapter as {@code outboxDataSource}. */
    public static final String DATA_SOURCE = "java:app/jdbc/rogerbench-outbox";

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(OutboxServlet.class.getName());

    @Inject
    private transient RogerOutbox outbox;

    @Inject
    private transient RogerClient client;

    @Resource
    private transient UserTransaction transaction;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String mode = request.getParameter("mode");
        String partition = request.getParameter("partition");
        int n;
        int batch;
        long pause;
        try {
            n = Integer.parseInt(request.getParameter("n"));
            batch = Integer.parseInt(request.getParameter("batch"));
            String p = request.getParameter("pauseMillis");
            pause = p == null ? 0 : Long.parseLong(p);
        } catch (NumberFormatException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "n and batch must be numbers: " + e.getMessage());
            return;
        }
        if (partition == null || n < 1 || batch < 1 || n % batch != 0
                || !("outbox".equals(mode) || "after-commit".equals(mode) || "plain".equals(mode))) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST,
                    "need mode=outbox|after-commit|plain, a partition, n >= 1 and batch >= 1 dividing n");
            return;
        }
        long start = JobProbe.micros(Instant.now());
        try {
            for (int written = 0; written < n; written += batch) {
                if (written > 0 && pause > 0) {
                    Thread.sleep(pause);
                }
                if ("plain".equals(mode)) {
                    write(false, partition, batch);
                } else {
                    inTransaction("outbox".equals(mode), partition, batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted");
            return;
        } catch (Exception e) {
            // The launcher shows this text as the case's failure, so it must say what went wrong.
            LOG.log(Level.WARNING, "Writing {0} jobs ({1}) failed: {2}", n, mode, e.toString());
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, mode + " failed: " + e);
            return;
        }
        long end = JobProbe.micros(Instant.now());
        Responses.json(response, Responses.JSON.createObjectBuilder()
                .add("startMicros", start)
                .add("endMicros", end)
                .build());
    }

    /** One transaction of {@code batch} writes; rolled back if one fails, so nothing half-written commits. */
    private void inTransaction(boolean toOutbox, String partition, int batch) throws Exception {
        transaction.begin();
        try {
            write(toOutbox, partition, batch);
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        transaction.commit();
    }

    private void write(boolean toOutbox, String partition, int batch) {
        for (int i = 0; i < batch; i++) {
            Job job = Job.builder(BenchJobs.NOOP).argsJson(WrittenAt.args(JobProbe.micros(Instant.now()))).build();
            if (toOutbox) {
                outbox.enqueue(partition, job);
            } else {
                client.enqueue(partition, job);
            }
        }
    }
}
