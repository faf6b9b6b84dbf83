package dev.roger.it.cluster;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A separate control application that undeploys another application of the node through Payara
 * Micro's runtime ({@code /sdctl/undeploy?app=..}), as a redeploy would, while the RAR stays.
 * Reflection keeps the test free of a compile dependency on Payara Micro.
 */
@WebServlet("/undeploy")
public class UndeployServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            Object micro = Class.forName("fish.payara.micro.PayaraMicro").getMethod("getInstance").invoke(null);
            Object runtime = micro.getClass().getMethod("getRuntime").invoke(micro);
            long start = System.nanoTime();
            runtime.getClass().getMethod("undeploy", String.class).invoke(runtime, req.getParameter("app"));
            resp.getWriter().print("undeployed in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (ReflectiveOperationException e) {
            resp.setStatus(500);
            resp.getWriter().print(e.getCause() != null ? e.getCause() : e);
        }
    }
}
