package dev.roger.bench.app;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /roger-bench/reset}: forgets all records and the peak, so each run starts from zero. */
@WebServlet("/reset")
public class ResetServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient JobProbe probe;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        probe.reset();
        Responses.json(response, Responses.JSON.createObjectBuilder().add("reset", true).build());
    }
}
