package dev.roger.itps.app;

import dev.roger.api.DuplicateJobException;
import dev.roger.api.Job;
import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerClient;
import dev.roger.api.RogerJobListener;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The application's HTTP face for the tests, using Roger the way users do: {@code @Inject
 * RogerClient} and {@code @Inject RogerAdmin}. Plain text answers, one item a line.
 */
@WebServlet("/roger/*")
public class RogerServlet extends HttpServlet {

    @Inject
    RogerClient roger;

    @Inject
    RogerAdmin admin;

    @Inject
    Seen seen;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = String.valueOf(req.getPathInfo());
        switch (path) {
            case "/enqueue" -> enqueue(req, resp);
            case "/open" -> {
                seen.open(req.getParameter("gate"));
                text(resp, 200, "opened");
            }
            case "/cancel" -> text(resp, 200, roger.cancel(req.getParameter("partition"), req.getParameter("id")).toString());
            case "/pause" -> text(resp, 200, admin.pauseQueue(req.getParameter("partition"), req.getParameter("queue")).toString());
            case "/resume" -> text(resp, 200, admin.resumeQueue(req.getParameter("partition"), req.getParameter("queue")).toString());
            default -> text(resp, 404, "no " + path);
        }
    }

    private void enqueue(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Job.Builder job = Job.builder(req.getParameter("type")).args(String.valueOf(req.getParameter("args")));
        if (req.getParameter("key") != null) {
            job.queueKey(req.getParameter("key"));
        }
        try {
            text(resp, 200, roger.enqueue(req.getParameter("partition"), job.build()).id());
        } catch (DuplicateJobException e) {
            text(resp, 409, e.getMessage());
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = String.valueOf(req.getPathInfo());
        switch (path) {
            case "/runs" -> text(resp, 200, lines(seen.runs(req.getParameter("id"))));
            case "/events" -> text(resp, 200, lines(seen.events(req.getParameter("id"))));
            case "/ends" -> text(resp, 200, lines(seen.ends(req.getParameter("id"))));
            case "/peak" -> text(resp, 200, Integer.toString(seen.peak(req.getParameter("gate"))));
            case "/node" -> text(resp, 200, admin.localNode().orElse("?"));
            case "/partitions" -> {
                // RogerAdmin asks the node over the broker: what this node runs, as the adapter knows it.
                String node = admin.localNode().orElseThrow();
                List<PartitionSpec> running = admin.runningPartitions(node);
                text(resp, 200, lines(running.stream().map(PartitionSpec::partition).toList()));
            }
            // Which class loader gave the application Roger's API: the adapter's (what Payara Micro
            // does) or the WAR's own copy in WEB-INF/lib (Payara Server's default, which breaks).
            case "/api-loader" -> text(resp, 200, String.valueOf(RogerJobListener.class.getClassLoader()));
            case "/app-loader" -> text(resp, 200, String.valueOf(Thread.currentThread().getContextClassLoader()));
            default -> text(resp, 404, "no " + path);
        }
    }

    private static String lines(List<String> items) {
        return items.stream().map(s -> s + "\n").collect(Collectors.joining());
    }

    private static void text(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write(body);
    }
}
