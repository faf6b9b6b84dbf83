package dev.roger.it.recovery;

import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@code /enqueue}: enqueue a job, answer its id or 503 with the error; {@code /ran?id=}: yes or no. */
@WebServlet(urlPatterns = {"/enqueue", "/ran"})
public class RecoveryServlet extends HttpServlet {

    /** Ids of jobs that ran. */
    @ApplicationScoped
    public static class Ran {
        final Set<String> ids = ConcurrentHashMap.newKeySet();
    }

    @Inject
    RogerClient roger;

    @Inject
    Ran ran;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        if (req.getServletPath().equals("/ran")) {
            resp.getWriter().print(ran.ids.contains(req.getParameter("id")) ? "yes" : "no");
            return;
        }
        try {
            resp.getWriter().print(roger.enqueue("recov", Job.builder("recover-job").build()).id());
        } catch (RuntimeException e) {
            resp.setStatus(503);
            resp.getWriter().print(e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
