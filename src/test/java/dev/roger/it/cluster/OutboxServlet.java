package dev.roger.it.cluster;

import dev.roger.api.Job;
import dev.roger.api.RogerOutbox;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Defines the application's DataSource (also the adapter's {@code outboxDataSource}) and lets
 * {@link OutboxIT} write outbox jobs: {@code op=outbox&p=..&table=..&biz=..&n=..&outcome=commit|rollback}
 * begins a {@code UserTransaction}, inserts a business row (the first job's id) into table {@code biz},
 * writes {@code n} {@code ob-work} jobs to the outbox, and commits or rolls back; answers the job ids,
 * space-separated, in the order written. {@code op=bare&p=..&table=..} writes one outside any
 * transaction and answers the exception's class, or {@code written}.
 */
@DataSourceDefinition(name = "java:app/jdbc/roger", className = "org.postgresql.ds.PGSimpleDataSource",
        url = "jdbc:postgresql://127.0.0.1:5432/postgres", user = "postgres")
@WebServlet("/control")
public class OutboxServlet extends NodeControlServlet {

    private static final Pattern TABLE = Pattern.compile("[a-z0-9_]{1,60}");

    @Inject
    RogerOutbox outbox;

    @Resource
    UserTransaction transaction;

    @Resource(lookup = "java:app/jdbc/roger")
    DataSource dataSource;

    @Override
    protected String answer(String op, HttpServletRequest req) {
        return switch (op) {
            case "outbox" -> inTransaction(req.getParameter("p"), req.getParameter("table"), req.getParameter("biz"),
                    Integer.parseInt(req.getParameter("n")), "commit".equals(req.getParameter("outcome")));
            case "bare" -> {
                try {
                    outbox.enqueue(req.getParameter("p"), work(req.getParameter("table")));
                    yield "written";
                } catch (RuntimeException e) {
                    yield e.getClass().getName();
                }
            }
            default -> throw unknown(op);
        };
    }

    private String inTransaction(String partition, String table, String biz, int n, boolean commit) {
        if (!TABLE.matcher(biz).matches()) {
            throw new IllegalArgumentException("bad table name " + biz);
        }
        try {
            transaction.begin();
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                jobs.add(work(table));
            }
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("insert into " + biz + " (job_id) values (?)")) {
                ps.setString(1, jobs.get(0).id());
                ps.executeUpdate();
            }
            List<String> ids = outbox.enqueueAll(partition, jobs).stream().map(Job::id).toList();
            if (commit) {
                transaction.commit();
            } else {
                transaction.rollback();
            }
            return String.join(" ", ids);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Job work(String table) {
        return Job.builder("ob-work").args(new ClusterWork(table, 0)).build();
    }
}
