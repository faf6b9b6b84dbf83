package dev.roger.it.cluster;

import dev.roger.api.Job;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Defines the application's DataSource and lets {@link SchedulingIT} schedule a job from inside
 * the container: {@code op=schedule&p=..&table=..&ms=..} enqueues an {@code sc-work} job delayed
 * {@code ms} through the injected {@code RogerClient} and answers {@code <job id> <epoch micros
 * just before the enqueue>}; {@code op=tx&p=..&table=..&outcome=commit|rollback} enqueues a job
 * inside a {@code UserTransaction} and ends it so.
 */
@DataSourceDefinition(name = "java:app/jdbc/roger", className = "org.postgresql.ds.PGSimpleDataSource",
        url = "jdbc:postgresql://127.0.0.1:5432/postgres", user = "postgres")
@WebServlet("/control")
public class SchedulingServlet extends NodeControlServlet {

    @Resource
    UserTransaction transaction;

    @Override
    protected String answer(String op, HttpServletRequest req) {
        return switch (op) {
            case "schedule" -> {
                Instant before = Instant.now();
                Job job = roger.enqueue(req.getParameter("p"), Job.builder("sc-work")
                        .args(new ClusterWork(req.getParameter("table"), 0))
                        .delay(Duration.ofMillis(Long.parseLong(req.getParameter("ms")))).build());
                yield job.id() + " " + ChronoUnit.MICROS.between(Instant.EPOCH, before);
            }
            case "tx" -> inTransaction(req.getParameter("p"), req.getParameter("table"),
                    "commit".equals(req.getParameter("outcome")));
            default -> throw unknown(op);
        };
    }

    /**
     * Enqueues a job in a transaction, waits half a second, and commits or rolls back; answers
     * {@code <job id> <epoch micros just before the commit or rollback>}.
     */
    private String inTransaction(String partition, String table, boolean commit) {
        try {
            transaction.begin();
            Job job = roger.enqueue(partition, Job.builder("sc-work").args(new ClusterWork(table, 0)).build());
            Thread.sleep(500);
            long end = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            if (commit) {
                transaction.commit();
            } else {
                transaction.rollback();
            }
            return job.id() + " " + end;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
