package dev.roger.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.ControlResult;
import dev.roger.api.DuplicateJobException;
import dev.roger.api.GlobalStateInfo;
import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.api.StateUnavailableException;
import dev.roger.client.AmqpRogerClient;
import dev.roger.it.cluster.RunLog.Run;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Payara Micro nodes ({@code node-a}, {@code node-b}) run one partition, keeping its global
 * state with the JDBC persister on the application's PostgreSQL DataSource; the test drives them
 * from Java SE with {@link AmqpRogerClient}. Exactly one node owns the state; 200 jobs run once
 * each, on both nodes; jobs with one execution key never overlap across nodes; with no node for
 * a partition, keyed operations fail fast with {@link StateUnavailableException}; and when the
 * owner dies the other node takes over with the paused queues and held keys it had stored.
 * Jobs write their starts and stops into a table of this run, read back here with plain JDBC.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    /** The partition both nodes run: queues {@code default} (10 workers) and {@code held} (2). */
    private static final String P = "cl-" + RUN;
    private static final List<String> NODES = List.of("node-a", "node-b");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final ClusterNodes CLUSTER = new ClusterNodes("cluster");
    /** The table of this run that the jobs write their starts and stops into. */
    private static final RunLog LOG = new RunLog("cl_runs_" + RUN, CLUSTER::nodeOfPid);
    private static AmqpRogerClient client;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        CLUSTER.forgetStates(P, "cl_boot");
        CLUSTER.deleteQueues(P + "-default", P + "-held", P + "-default.buried", P + "-held.buried",
                Names.ownerQueue(P), "cl_boot-default", Names.ownerQueue("cl_boot"));
        LOG.create();
        CLUSTER.boot(NODES, name -> Map.of("nodeName", name, "statePersister", "jdbc",
                        "stateDataSource", "jdbc/roger", "keyLeaseSeconds", "10"),
                ClusterJobBean.class, ClusterWork.class, ClusterServlet.class);
        for (String name : NODES) {
            CLUSTER.start(name, P + "[default=10,held=2]");
        }
        client = AmqpRogerClient.connect(TestBroker.uri());
        try (Broker broker = Broker.connect()) {
            Await.until("both nodes consume " + P, WAIT,
                    () -> broker.consumers(P + "-default") == 2 && broker.consumers(P + "-held") == 2);
        }
        state(P);
    }

    @AfterAll
    static void stopNodes() {
        if (client != null) {
            client.close();
        }
        CLUSTER.close();
        LOG.drop();
    }

    /** The partition's global state, once its owner answers. */
    private static GlobalStateInfo state(String p) {
        return ClusterNodes.state(client, p);
    }

    private static Job.Builder work(long millis) {
        return Job.builder("cl-work").args(new ClusterWork(LOG.table(), millis));
    }

    private static String otherThan(String node) {
        return NODES.stream().filter(n -> !n.equals(node)).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void exactlyOneNodeOwnsThePartitionsState() {
        String owner = state(P).owner();
        assertTrue(NODES.contains(owner), "owner " + owner);
        Await.holds("the owner stays " + owner, Duration.ofSeconds(3), () -> owner.equals(client.admin().globalState(P).owner()));
        for (String node : NODES) {
            assertEquals(owner, CLUSTER.control(node, "op=owner&p=" + P), node + " sees the same owner");
        }
        try (Broker broker = Broker.connect()) {
            Await.until("both nodes are candidates on " + Names.ownerQueue(P), WAIT,
                    () -> broker.consumers(Names.ownerQueue(P)) == 2);
        }
    }

    @Test
    @Order(2)
    void twoHundredJobsRunOnceEachOnBothNodes() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            jobs.add(work(20).build());
        }
        client.enqueueAll(P, jobs);
        Set<String> ids = jobs.stream().map(Job::id).collect(Collectors.toSet());

        Await.until("200 jobs finished", Duration.ofSeconds(60), () -> LOG.finished(ids) == 200);
        Await.holds("no job ran twice", Duration.ofSeconds(2), () -> LOG.runs(ids).size() == 200);
        Map<String, Long> perNode = LOG.runs(ids).stream()
                .collect(Collectors.groupingBy(Run::node, Collectors.counting()));
        assertEquals(Set.copyOf(NODES), perNode.keySet(), "both nodes ran some: " + perNode);
    }

    @Test
    @Order(3)
    void jobsWithOneExecutionKeyNeverOverlapAcrossNodes() {
        String key = "ek-" + RUN;
        CLUSTER.deleteQueues(Names.waitingQueue(P, key));
        List<Job> enqueued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            enqueued.add(client.enqueue(P, work(150).executionKey(key).build()));
        }
        Set<String> ids = enqueued.stream().map(Job::id).collect(Collectors.toSet());

        Await.until("10 jobs finished", Duration.ofSeconds(60), () -> LOG.finished(ids) == 10);
        List<Run> runs = LOG.runs(ids);
        assertEquals(10, runs.size(), "each ran once: " + runs);
        for (int i = 1; i < runs.size(); i++) {
            Run before = runs.get(i - 1);
            Run next = runs.get(i);
            assertTrue(before.stop() >= 0 && next.start() >= before.stop(),
                    "job " + next.jobId() + " on " + next.node() + " started " + (before.stop() - next.start())
                            + " µs before job " + before.jobId() + " on " + before.node() + " stopped: " + runs);
        }
        Await.until("the key is free again", WAIT, () -> !client.admin().globalState(P).executionKeys().containsKey(key));
    }

    @Test
    @Order(4)
    void withNoNodeForThePartitionKeyedCallsFailFastAsUnavailable() {
        String x = "clx-" + RUN;
        CLUSTER.forgetStates(x);
        CLUSTER.deleteQueues(x + "-default", Names.ownerQueue(x));
        Job keyed = work(0).queueKey("k-" + RUN).build();

        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(StateUnavailableException.class, () -> client.enqueue(x, keyed)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "refused after " + took);
        try (Broker broker = Broker.connect()) {
            assertTrue(broker.messages(x + "-default") <= 0, "nothing was published");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(StateUnavailableException.class, () -> client.cancel(x, keyed.id())));
        assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(StateUnavailableException.class, () -> client.admin().globalState(x)));
        assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(StateUnavailableException.class, () -> client.admin().pauseQueue(x, "default")));
    }

    @Test
    @Order(5)
    void whenTheOwnerDiesTheOtherNodeTakesOverWithThePausedQueuesAndHeldKeys() throws Exception {
        String owner = state(P).owner();
        String survivor = otherThan(owner);

        String storedBeforePause = storedAt();
        ControlResult paused = client.admin().pauseQueue(P, "held");
        assertEquals(NODES, paused.answered(), "both nodes were told: " + paused);
        assertTrue(paused.complete(), paused.toString());
        String storedAfterPause = Await.value("the pause is stored in roger_state at once", Duration.ofSeconds(5),
                () -> {
                    String at = storedAt();
                    return Objects.equals(at, storedBeforePause) ? null : at;
                });

        String key = "held-" + RUN;
        Job stuck = client.enqueue(P, work(0).queue("held").queueKey(key).build());
        Await.holds("no node starts a job from the paused queue", Duration.ofSeconds(2),
                () -> LOG.runs(Set.of(stuck.id())).isEmpty());
        try (Broker broker = Broker.connect()) {
            Await.until("the job waits in " + P + "-held", WAIT, () -> broker.messages(P + "-held") == 1);
        }
        Await.until("the held queue key is stored", Duration.ofSeconds(10),
                () -> !Objects.equals(storedAfterPause, storedAt()));

        CLUSTER.node(owner).kill();
        String newOwner = Await.value("a new owner after " + owner + " died", Duration.ofSeconds(10), () -> {
            try {
                String o = client.admin().globalState(P).owner();
                return o.equals(owner) ? null : o;
            } catch (StateUnavailableException e) {
                return null;
            }
        });
        assertEquals(survivor, newOwner);
        GlobalStateInfo taken = client.admin().globalState(P);
        assertEquals(Set.of("held"), taken.pausedQueues(), "the pause survived the owner: " + taken);
        assertEquals(stuck.id(), taken.queueKeys().get(key), "the queue key survived the owner: " + taken);
        DuplicateJobException dup = assertThrows(DuplicateJobException.class,
                () -> client.enqueue(P, work(0).queue("held").queueKey(key).build()));
        assertEquals(stuck.id(), dup.holderJobId());
        Await.holds("still paused on " + survivor, Duration.ofSeconds(1), () -> LOG.runs(Set.of(stuck.id())).isEmpty());

        ControlResult resumed = client.admin().resumeQueue(P, "held");
        assertEquals(List.of(survivor), resumed.answered(), resumed.toString());
        Await.until("the held job ran on " + survivor, WAIT,
                () -> LOG.runs(Set.of(stuck.id())).stream().anyMatch(r -> r.node().equals(survivor) && r.stop() >= 0));
        Job again = Await.value("the queue key is free once its job ran", WAIT, () -> {
            try {
                return client.enqueue(P, work(0).queue("held").queueKey(key).build());
            } catch (DuplicateJobException e) {
                return null;
            }
        });
        Await.until("the job enqueued again ran", WAIT, () -> LOG.finished(Set.of(again.id())) == 1);
        Job plain = client.enqueue(P, work(0).build());
        Await.until("the survivor runs the partition's jobs", WAIT, () -> LOG.finished(Set.of(plain.id())) == 1);
        assertEquals(1, LOG.runs(Set.of(stuck.id())).size(), "the held job ran once");
    }

    /** The {@code updated_at} of the partition's row in {@code roger_state} as text; null while there is none. */
    private static String storedAt() {
        return ClusterNodes.stored("updated_at", P);
    }
}
