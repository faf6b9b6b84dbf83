package dev.roger.it.cluster;

import dev.roger.it.support.Postgres;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Test side of {@link RunRecorder}: a table of one test run into which the jobs write their
 * starts and stops, read back with plain JDBC as the runs of jobs.
 */
final class RunLog {

    /** One run of a job: where, from when to when (stop is -1 while it runs or when its node died). */
    record Run(String node, String jobId, long start, long stop) {
    }

    /** One row the jobs wrote. */
    private record Mark(String node, String jobId, String event, long atMicros) {
    }

    private final String table;
    private final UnaryOperator<String> nodeOfPid;

    /**
     * @param table     the table's name, for the jobs' arguments too
     * @param nodeOfPid a node's name for the JVM pid the jobs write
     */
    RunLog(String table, UnaryOperator<String> nodeOfPid) {
        this.table = table;
        this.nodeOfPid = nodeOfPid;
    }

    String table() {
        return table;
    }

    void create() {
        Postgres.execute("create table " + table
                + " (seq bigserial primary key, node text not null, job_id text not null, event text not null,"
                + " at_us bigint not null)");
    }

    void drop() {
        Postgres.execute("drop table if exists " + table);
    }

    private List<Mark> marks() {
        return Postgres.query("select node, job_id, event, at_us from " + table + " order by seq",
                rs -> new Mark(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
    }

    /** One event a job wrote: which, and when (microseconds since the epoch). */
    record Event(String jobId, long atMicros) {
    }

    /** Every row of this event ("start", "buried", ...), in the order they were written. */
    List<Event> events(String event) {
        return marks().stream().filter(m -> m.event().equals(event)).map(m -> new Event(m.jobId(), m.atMicros()))
                .toList();
    }

    /** The runs of these jobs, by start time; a stop is matched to the start on the same node. */
    List<Run> runs(Set<String> jobIds) {
        List<Run> runs = new ArrayList<>();
        List<Mark> marks = marks().stream().filter(m -> jobIds.contains(m.jobId())).toList();
        List<Mark> stops = new ArrayList<>(marks.stream().filter(m -> m.event().equals("stop")).toList());
        for (Mark start : marks.stream().filter(m -> m.event().equals("start")).toList()) {
            Mark stop = stops.stream().filter(s -> s.jobId().equals(start.jobId()) && s.node().equals(start.node()))
                    .findFirst().orElse(null);
            stops.remove(stop);
            runs.add(new Run(nodeOfPid.apply(start.node()), start.jobId(), start.atMicros(),
                    stop == null ? -1 : stop.atMicros()));
        }
        runs.sort(Comparator.comparingLong(Run::start));
        return runs;
    }

    /** How many of these jobs have a finished run. */
    long finished(Set<String> jobIds) {
        return runs(jobIds).stream().filter(r -> r.stop() >= 0).map(Run::jobId).distinct().count();
    }
}
