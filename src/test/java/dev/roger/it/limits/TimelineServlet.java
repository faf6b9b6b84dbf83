package dev.roger.it.limits;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /timeline}: the peak and the start order. */
@WebServlet("/timeline")
public class TimelineServlet extends HttpServlet {

    @Inject
    Timeline timeline;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().print(timeline.report());
    }
}
