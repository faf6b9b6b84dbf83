package dev.roger.wildfly.app;

import dev.roger.api.DuplicateJobException;
import dev.roger.api.Job;
import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerClient;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The test application's door for client-side tests: enqueues and cancels through the injected
 * {@link RogerClient}, pauses through {@link RogerAdmin}, and tells what the beans saw. Answers are
 * plain text, so nothing from the API has to be serialized back to the test JVM.
 */
@WebServlet("/jobs/*")
public class JobsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    RogerClient roger;

    @Inject
    RogerAdmin admin;

    @Inject
    Collector collector;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String op = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        String p = req.getParameter("p");
        resp.setContentType("text/plain;charset=UTF-8");
        String answer;
        switch (op) {
            case "enqueue" -> {
                Job.Builder job = Job.builder(req.getParameter("type")).args(req.getParameter("arg"));
                if (req.getParameter("queue") != null) {
                    job.queue(req.getParameter("queue"));
                }
                if (req.getParameter("key") != null) {
                    job.queueKey(req.getParameter("key"));
                }
                try {
                    answer = roger.enqueue(p, job.build()).id();
                } catch (DuplicateJobException e) {
                    resp.setStatus(HttpServletResponse.SC_CONFLICT);
                    answer = "duplicate: " + e.getMessage();
                }
            }
            case "runs" -> answer = Integer.toString(collector.runs(req.getParameter("id")));
            case "events" -> answer = String.join(",", collector.events(req.getParameter("id")));
            case "cancel" -> answer = roger.cancel(p, req.getParameter("id")).toString();
            case "open" -> {
                collector.gate(req.getParameter("gate")).countDown();
                answer = "opened";
            }
            case "peak" -> answer = Integer.toString(collector.peak(req.getParameter("gate")));
            case "pause" -> answer = admin.pauseQueue(p, req.getParameter("queue")).toString();
            case "resume" -> answer = admin.resumeQueue(p, req.getParameter("queue")).toString();
            case "whoami" -> answer = admin.localNode().orElse("?") + " " + roger.getClass().getName();
            case "cap" -> answer = admin.info().nodes().stream()
                    .filter(n -> n.name().equals(admin.localNode().orElse(null)))
                    .map(n -> Integer.toString(n.maxConcurrentJobs())).findFirst().orElse("?");
            default -> {
                resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
                answer = "unknown operation " + op;
            }
        }
        resp.getWriter().print(answer);
    }
}
