package dev.roger.it.console;

import dev.roger.api.DuplicateJobException;
import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Enqueues through the node's adapter (the enqueue metrics count only those):
 * {@code GET /mt-jobs/enqueue?partition=p&mode=ok[&key=k]} answers the job id, or
 * {@code duplicate}.
 */
@WebServlet("/enqueue")
public class EnqueueServlet extends HttpServlet {

    @Inject
    RogerClient client;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Job.Builder job = Job.builder("mt-work").args(new MetricsWork(req.getParameter("mode")))
                .retryable("fail-once".equals(req.getParameter("mode")));
        if (req.getParameter("key") != null) {
            job.queueKey(req.getParameter("key"));
        }
        String answer;
        try {
            answer = client.enqueue(req.getParameter("partition"), job.build()).id();
        } catch (DuplicateJobException e) {
            answer = "duplicate";
        }
        resp.setContentType("text/plain");
        resp.getWriter().print(answer);
    }
}
