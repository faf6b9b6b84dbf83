package dev.roger.bench.app;

import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /roger-bench/stats?partition=a,b}: jobs running now and their peak since the last
 * reset, and per named partition the counts and the time the last job finished (epoch
 * microseconds). The launcher polls it to know when a run is complete, and to see that the
 * application is up.
 */
@WebServlet("/stats")
public class StatsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient JobProbe probe;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObjectBuilder partitions = Responses.JSON.createObjectBuilder();
        String names = request.getParameter("partition");
        if (names != null && !names.isBlank()) {
            for (String name : names.split(",")) {
                PartitionRecord r = probe.record(name.strip());
                partitions.add(name.strip(), Responses.JSON.createObjectBuilder()
                        .add("started", r.startedCount())
                        .add("done", r.doneCount())
                        .add("failed", r.failedCount())
                        .add("lastDoneMicros", r.lastDoneMicros()));
            }
        }
        Responses.json(response, Responses.JSON.createObjectBuilder()
                .add("running", probe.running())
                .add("peakRunning", probe.peak())
                .add("partitions", partitions)
                .build());
    }
}
