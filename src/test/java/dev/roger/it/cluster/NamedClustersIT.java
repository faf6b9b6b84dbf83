package dev.roger.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.ControlResult;
import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import dev.roger.client.AmqpRogerClient;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.it.cluster.RunLog.Run;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three Payara Micro nodes on the shared vhost: {@code blue} in the cluster {@code b<run>},
 * {@code green} in {@code g<run>}, and {@code plain} in the default cluster (the adapter property
 * {@code cluster} unset), all running the same partition {@code cn-<run>} and keeping its state in
 * the one {@code roger_state} table. A client per cluster drives them from Java SE. Each cluster's
 * cancel and pause expect and get answers from its own node only; each cluster's jobs run on its
 * own node only; each keeps its own state row; and the default cluster keeps Roger's usual names.
 * The expected broker names are written out here, not taken from the code under test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NamedClustersIT {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String BLUE = "b" + RUN;
    private static final String GREEN = "g" + RUN;
    /** The partition every cluster runs, under the same id. */
    private static final String P = "cn-" + RUN;
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Test name of a node to its cluster; null for the default cluster. */
    private static final Map<String, String> CLUSTER_OF = new LinkedHashMap<>();

    static {
        CLUSTER_OF.put("blue", BLUE);
        CLUSTER_OF.put("green", GREEN);
        CLUSTER_OF.put("plain", null);
    }

    private static final ClusterNodes NODES = new ClusterNodes("clusters");
    private static final RunLog LOG = new RunLog("cn_runs_" + RUN, NODES::nodeOfPid);
    /** Test name of a node to the client of its cluster. */
    private static final Map<String, AmqpRogerClient> CLIENTS = new HashMap<>();

    /** A node's name as Roger reports it (the adapter property {@code nodeName}). */
    private static String nodeName(String node) {
        return node + "-" + RUN;
    }

    /** A name as the README documents it: {@code <cluster>.<name>}, or the name itself in the default cluster. */
    private static String named(String node, String name) {
        String cluster = CLUSTER_OF.get(node);
        return cluster == null ? name : cluster + "." + name;
    }

    private static AmqpRogerClient client(String node) {
        return CLIENTS.get(node);
    }

    @BeforeAll
    static void startOneNodePerCluster() throws Exception {
        for (String node : CLUSTER_OF.keySet()) {
            NODES.forgetStates(named(node, P), named(node, "cn_boot"));
            NODES.deleteQueues(named(node, P + "-default"), named(node, P + "-default.buried"),
                    named(node, "roger.owner." + P), named(node, "cn_boot-default"), named(node, "roger.owner.cn_boot"));
            if (CLUSTER_OF.get(node) != null) {
                NODES.deleteQueues(named(node, "roger.nodes"), named(node, "roger.buried.dropped"),
                        named(node, "roger.buried.log"));
            }
        }
        LOG.create();
        for (String node : CLUSTER_OF.keySet()) {
            // One at a time: three Payara Micro boots at once on this shared machine can outlast
            // the boot deadline.
            NODES.boot(List.of(node), name -> adapterConfig(node), NamedClusterJobBean.class, ClusterWork.class,
                    ClusterServlet.class);
        }
        for (String node : CLUSTER_OF.keySet()) {
            NODES.start(node, P + "[default=2]");
            AmqpRogerClient.Builder b = AmqpRogerClient.builder().settings(AmqpSettings.ofUri(TestBroker.uri()));
            if (CLUSTER_OF.get(node) != null) {
                b.cluster(CLUSTER_OF.get(node));
            }
            CLIENTS.put(node, b.build());
        }
        // Ready once the partition's state answers (its consumers start right after); what the
        // nodes consume, and who owns what, is for the tests to check.
        for (String node : CLUSTER_OF.keySet()) {
            ClusterNodes.state(client(node), P);
        }
    }

    private static Map<String, String> adapterConfig(String node) {
        Map<String, String> config = new HashMap<>(Map.of("nodeName", nodeName(node),
                "statePersister", "jdbc", "stateDataSource", "jdbc/roger"));
        if (CLUSTER_OF.get(node) != null) {
            config.put("cluster", CLUSTER_OF.get(node));
        }
        return config;
    }

    @AfterAll
    static void stopNodes() {
        CLIENTS.values().forEach(AmqpRogerClient::close);
        NODES.close();
        try (Broker broker = Broker.connect()) {
            broker.deleteExchanges(BLUE + ".roger.control", GREEN + ".roger.control");
        }
        LOG.drop();
    }

    @Test
    @Order(1)
    void eachNamedClusterHasItsOwnNamesAndTheDefaultClusterKeepsRogersUsualOnes() {
        for (String node : CLUSTER_OF.keySet()) {
            assertEquals(nodeName(node), client(node).admin().globalState(P).owner(), "in its cluster " + node + " owns " + P);
            assertEquals(nodeName(node), NODES.control(node, "op=owner&p=" + P),
                    "the RogerClient injected on " + node + " works in its node's cluster");
        }
        try (Broker broker = Broker.connect()) {
            for (String node : CLUSTER_OF.keySet()) {
                String queue = named(node, P + "-default");
                Await.until(node + " consumes " + queue, WAIT, () -> broker.consumers(queue) >= 1);
            }
            for (String node : List.of("blue", "green")) {
                String cluster = CLUSTER_OF.get(node);
                assertEquals(1, broker.consumers(cluster + "." + P + "-default"), node + "'s partition queue");
                assertEquals(1, broker.consumers(cluster + ".roger.owner." + P), node + "'s owner queue");
                assertEquals(1, broker.consumers(cluster + ".roger.nodes"), node + "'s members queue");
                assertEquals(1, broker.consumers(cluster + ".roger.buried.dropped"), node + "'s dropped-buried queue");
            }
            // Only the plain node runs this partition in the default cluster: neither blue nor green
            // consumes the names they would have had without a cluster.
            assertEquals(1, broker.consumers(P + "-default"), "the default cluster's partition queue");
            assertEquals(1, broker.consumers("roger.owner." + P), "the default cluster's owner queue");
            assertTrue(broker.consumers("roger.nodes") >= 1, "the default cluster's members queue");
        }
    }

    @Test
    @Order(2)
    void aCancelInOneClusterExpectsAndGetsAnswersOnlyFromItsOwnNode() {
        Map<String, String> cancelled = new HashMap<>();
        for (String node : List.of("blue", "green")) {
            String id = "cancel-" + node + "-" + RUN;
            cancelled.put(node, id);
            ControlResult r = client(node).cancel(P, id);
            assertEquals(List.of(nodeName(node)), r.answered(), node + "'s cancel: " + r);
            assertEquals(1, r.expected(), node + "'s cancel counts its own cluster's nodes only: " + r);
        }
        // The default cluster may hold other nodes on this shared vhost; never blue or green.
        String plainId = "cancel-plain-" + RUN;
        cancelled.put("plain", plainId);
        ControlResult plain = client("plain").cancel(P, plainId);
        assertTrue(plain.answered().contains(nodeName("plain")), plain.toString());
        assertFalse(plain.answered().contains(nodeName("blue")) || plain.answered().contains(nodeName("green")),
                plain.toString());

        // Each cluster's owner stores its cancel in its own row of the shared table.
        for (String node : CLUSTER_OF.keySet()) {
            String row = named(node, P);
            String state = Await.value("the cancel is stored in row " + row, Duration.ofSeconds(10), () -> {
                String s = ClusterNodes.stored("state", row);
                return s != null && s.contains(cancelled.get(node)) ? s : null;
            });
            for (String other : CLUSTER_OF.keySet()) {
                if (!other.equals(node)) {
                    assertFalse(state.contains(cancelled.get(other)), row + " holds " + other + "'s cancel: " + state);
                }
            }
        }
    }

    @Test
    @Order(3)
    void eachClustersJobsRunOnlyOnItsOwnNode() {
        Map<String, Set<String>> ids = new LinkedHashMap<>();
        for (String node : CLUSTER_OF.keySet()) {
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                jobs.add(work());
            }
            client(node).enqueueAll(P, jobs);
            ids.put(node, jobs.stream().map(Job::id).collect(Collectors.toSet()));
        }
        for (Map.Entry<String, Set<String>> e : ids.entrySet()) {
            Await.until(e.getKey() + "'s 10 jobs finished", WAIT, () -> LOG.finished(e.getValue()) == 10);
        }
        for (Map.Entry<String, Set<String>> e : ids.entrySet()) {
            List<Run> runs = LOG.runs(e.getValue());
            assertEquals(10, runs.size(), e.getKey() + "'s jobs ran once each: " + runs);
            assertEquals(Set.of(e.getKey()), runs.stream().map(Run::node).collect(Collectors.toSet()),
                    e.getKey() + "'s jobs ran on its own node only: " + runs);
        }
    }

    @Test
    @Order(4)
    void aPauseInOneClusterStopsItsOwnNodeOnly() {
        ControlResult paused = client("blue").admin().pauseQueue(P, "default");
        assertEquals(List.of(nodeName("blue")), paused.answered(), paused.toString());
        assertEquals(1, paused.expected(), paused.toString());

        Map<String, Job> jobs = new LinkedHashMap<>();
        for (String node : CLUSTER_OF.keySet()) {
            jobs.put(node, client(node).enqueue(P, work()));
        }
        for (String node : List.of("green", "plain")) {
            Await.until(node + " still runs its jobs", WAIT, () -> LOG.finished(Set.of(jobs.get(node).id())) == 1);
            assertEquals(Set.of(), client(node).admin().globalState(P).pausedQueues(), node + " has nothing paused");
        }
        assertEquals(Set.of("default"), client("blue").admin().globalState(P).pausedQueues());
        Await.holds("blue starts no job from its paused queue", Duration.ofSeconds(2),
                () -> LOG.runs(Set.of(jobs.get("blue").id())).isEmpty());
        try (Broker broker = Broker.connect()) {
            assertEquals(1, broker.messages(BLUE + "." + P + "-default"), "blue's job waits in its queue");
        }

        ControlResult resumed = client("blue").admin().resumeQueue(P, "default");
        assertEquals(List.of(nodeName("blue")), resumed.answered(), resumed.toString());
        assertEquals(1, resumed.expected(), resumed.toString());
        Await.until("blue's job ran once resumed", WAIT, () -> LOG.finished(Set.of(jobs.get("blue").id())) == 1);
        assertEquals(List.of("blue"), LOG.runs(Set.of(jobs.get("blue").id())).stream().map(Run::node).toList());
    }

    private static Job work() {
        return Job.builder("cn-work").args(new ClusterWork(LOG.table(), 0)).build();
    }
}
