package dev.roger.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roger.it.cluster.RunLog.Run;
import dev.roger.it.support.Postgres;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The transactional outbox on Payara Micro, RabbitMQ and PostgreSQL, in a Roger cluster of this
 * run's own ({@code o<run>}), whose rows in {@code roger_outbox} are the test's alone
 * ({@code cluster_name}) and deleted after it. Node {@code one} boots with a relay that does not
 * poll for ten minutes, so a committed job stays in the outbox until the node is killed; node
 * {@code two} then boots with the default poll and runs the other cases (booted by whichever
 * needs it first, so that they do not depend on the first one passing).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutboxIT {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String CLUSTER = "o" + RUN;
    private static final String P = "ob-" + RUN;
    private static final String ORDERED = "obo-" + RUN;
    private static final String BIZ = "ob_biz_" + RUN;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final ClusterNodes NODES = new ClusterNodes("outbox");
    private static final RunLog LOG = new RunLog("ob_runs_" + RUN, NODES::nodeOfPid);

    private static String named(String name) {
        return CLUSTER + "." + name;
    }

    @BeforeAll
    static void startANodeThatDoesNotRelay() throws Exception {
        NODES.forgetStates(named(P), named(ORDERED), named("ob_boot"));
        for (String p : List.of(P, ORDERED, "ob_boot")) {
            NODES.deleteQueues(named(p + "-default"), named(p + "-default.buried"), named("roger.owner." + p));
        }
        NODES.deleteQueues(named("roger.nodes"), named("roger.buried.dropped"), named("roger.buried.log"),
                named("roger.delay.unrouted"));
        LOG.create();
        Postgres.execute("create table " + BIZ + " (job_id text not null)");
        boot("one", 600_000);
        NODES.start("one", P + "[default=1]");
    }

    private static void boot(String node, long pollMillis) throws Exception {
        NODES.boot(List.of(node), name -> Map.of("nodeName", name + "-" + RUN, "cluster", CLUSTER,
                "statePersister", "jdbc", "stateDataSource", "jdbc/roger",
                "outboxDataSource", "jdbc/roger", "outboxPollMillis", Long.toString(pollMillis)),
                OutboxJobBean.class, ClusterWork.class, OutboxServlet.class);
    }

    /** Node {@code two}, relaying every 200 ms (the default), booted by the first test that needs it. */
    private static String relayingNode() throws Exception {
        if (NODES.node("two") == null) {
            boot("two", 200);
            NODES.start("two", P + "[default=1]");
        }
        return "two";
    }

    @AfterAll
    static void cleanUp() {
        NODES.close();
        try (Broker broker = Broker.connect()) {
            broker.deleteExchanges(named("roger.control"));
        }
        try {
            Postgres.execute("delete from roger_outbox where cluster_name = ?", CLUSTER);
        } catch (IllegalStateException noOutboxTable) {
            // The relay never created it: nothing of ours in it.
        }
        Postgres.execute("drop table if exists " + BIZ);
        LOG.drop();
    }

    @Test
    @Order(1)
    void aJobCommittedToTheOutboxOfANodeKilledBeforeItsRelayRanRunsOnceFromTheNextNodeAndItsRowIsGone()
            throws Exception {
        String id = write("one", P, 1, "commit").get(0);
        Await.holds("the job does not run while no relay published it", Duration.ofSeconds(3),
                () -> LOG.runs(Set.of(id)).isEmpty());
        assertEquals(List.of(id), outboxJobIds(), "its row waits in the outbox");

        NODES.node("one").kill();
        relayingNode();
        Await.until("the job ran after the restart", WAIT, () -> LOG.finished(Set.of(id)) == 1);
        Await.until("its row is deleted", WAIT, () -> outboxJobIds().isEmpty());
        Await.holds("it does not run again", Duration.ofSeconds(2), () -> LOG.runs(Set.of(id)).size() == 1);
        assertEquals("two", LOG.runs(Set.of(id)).get(0).node());
    }

    @Test
    @Order(2)
    void aJobWrittenInATransactionThatCommitsRunsOnceAndTheBusinessRowOfThatTransactionIsThere() throws Exception {
        String id = write(relayingNode(), P, 1, "commit").get(0);
        Await.until("the committed job ran", WAIT, () -> LOG.finished(Set.of(id)) == 1);
        Await.until("its row is deleted", WAIT, () -> outboxJobIds().isEmpty());
        Await.holds("it runs once", Duration.ofSeconds(2), () -> LOG.runs(Set.of(id)).size() == 1);
        assertEquals(List.of(id), businessRows(id), "the business row committed with the job");
    }

    @Test
    @Order(3)
    void aJobWrittenInATransactionThatRollsBackNeverRunsAndLeavesNoRow() throws Exception {
        String id = write(relayingNode(), P, 1, "rollback").get(0);
        assertEquals(List.of(), outboxJobIds(), "no outbox row");
        assertEquals(List.of(), businessRows(id), "no business row");
        Await.holds("the rolled-back job never runs", Duration.ofSeconds(3), () -> LOG.runs(Set.of(id)).isEmpty());
        try (Broker broker = Broker.connect()) {
            assertEquals(0, broker.messages(named(P + "-default")), "nor waits in the queue");
        }
    }

    @Test
    @Order(4)
    void fiftyJobsOfAPartitionWrittenInFiveTransactionsRunInTheOrderWritten() throws Exception {
        NODES.start(relayingNode(), ORDERED + "[default=1]");
        List<String> written = new ArrayList<>();
        for (int tx = 0; tx < 5; tx++) {
            written.addAll(write("two", ORDERED, 10, "commit"));
        }
        Set<String> ids = new LinkedHashSet<>(written);
        Await.until("the 50 jobs ran", WAIT, () -> LOG.finished(ids) == 50);
        List<Run> runs = LOG.runs(ids);
        assertEquals(50, runs.size(), "each ran once");
        assertEquals(written, runs.stream().map(Run::jobId).toList(), "they started in the order written");
        Await.until("their rows are deleted", WAIT, () -> outboxJobIds().isEmpty());
    }

    @Test
    @Order(5)
    void writingOutsideATransactionIsRefused() throws Exception {
        assertEquals(IllegalStateException.class.getName(),
                NODES.control(relayingNode(), "op=bare&p=" + P + "&table=" + LOG.table()));
        assertEquals(List.of(), outboxJobIds(), "nothing was written");
    }

    /** Writes {@code n} jobs to the outbox on a node in a transaction ended so; their ids in order. */
    private static List<String> write(String node, String partition, int n, String outcome) {
        return Arrays.asList(NODES.control(node, "op=outbox&p=" + partition + "&table=" + LOG.table() + "&biz=" + BIZ
                + "&n=" + n + "&outcome=" + outcome).split(" "));
    }

    /** The ids of the jobs in this run's outbox rows, in row order. */
    private static List<String> outboxJobIds() {
        return Postgres.query("select job from roger_outbox where cluster_name = ? order by id",
                rs -> rs.getString(1).replaceFirst("^\\{\"id\":\"([^\"]+)\".*", "$1"), CLUSTER);
    }

    private static List<String> businessRows(String id) {
        return Postgres.query("select job_id from " + BIZ + " where job_id = ?", rs -> rs.getString(1), id);
    }
}
