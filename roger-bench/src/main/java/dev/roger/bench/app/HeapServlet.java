package dev.roger.bench.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * {@code GET /roger-bench/heap[?gc=true]}: the node's heap, used and committed, in bytes. With
 * {@code gc=true} it asks for a full collection first, so "used" is what is really retained (the
 * many-tenants case compares that before and after); without, it is a plain sample (peaks under
 * load).
 */
@WebServlet("/heap")
public class HeapServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (Boolean.parseBoolean(request.getParameter("gc"))) {
            System.gc();
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Responses.json(response, Responses.JSON.createObjectBuilder()
                .add("usedBytes", heap.getUsed())
                .add("committedBytes", heap.getCommitted())
                .build());
    }
}
