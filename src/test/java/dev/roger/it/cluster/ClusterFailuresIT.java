package dev.roger.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import dev.roger.api.ControlResult;
import dev.roger.api.GlobalStateInfo;
import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.api.StateUnavailableException;
import dev.roger.client.AmqpRogerClient;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.it.cluster.RunLog.Run;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.DeclaredQueues;
import dev.roger.testing.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the cluster does when something fails. Three Payara Micro nodes boot once: {@code fl-f}
 * keeps partition state with {@link FailuresPersister} (a class of the test WAR whose loads can be
 * made to fail), {@code fl-a} and {@code fl-b} with the JDBC persister. The owner cannot load the
 * state: a fresh partition waits for it and keyed calls are refused as unavailable; a dequeued job
 * with an execution key goes back to its queue, neither run nor buried, and runs once the owner
 * can load again. A paused queue stays paused on a node that joins. A node dies holding an
 * execution key that another job waits for: the other node runs the holder again and then the
 * waiter. Roger's own requeues (owner away) do not count against a quorum queue's delivery limit:
 * a healthy job is not dead-lettered. Jobs write their starts and stops into a table of this run;
 * the node kill comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailuresIT {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String F = "fl-f";
    private static final String A = "fl-a";
    private static final String B = "fl-b";
    private static final List<String> NODES = List.of(F, A, B);
    /** Partitions on fl-f (custom persister): a fresh one whose first load fails; one that loses its owner's state. */
    private static final String Q = "flq-" + RUN;
    private static final String P = "flp-" + RUN;
    /** Partitions on fl-a and fl-b (JDBC persister): one that a node joins while paused; one whose node dies. */
    private static final String S = "fls-" + RUN;
    private static final String R = "flr-" + RUN;
    /** Partition on fl-f whose main queue the test declares first: quorum, delivery limit 1, dead-lettered. */
    private static final String L = "fll-" + RUN;
    private static final String BOOT = "fl_boot";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(2);

    private static final ClusterNodes CLUSTER = new ClusterNodes("failures");
    /** The table of this run that the jobs write their starts and stops into. */
    private static final RunLog LOG = new RunLog("fl_runs_" + RUN, CLUSTER::nodeOfPid);
    private static AmqpRogerClient client;

    @BeforeAll
    static void startNodes() throws Exception {
        for (String p : List.of(Q, P, S, R, BOOT)) {
            CLUSTER.deleteQueues(p + "-default", p + "-default.buried", Names.ownerQueue(p));
        }
        CLUSTER.deleteQueues(S + "-other", S + "-other.buried");
        CLUSTER.forgetStates(S, R, BOOT);
        LOG.create();

        Map<String, Map<String, String>> configs = Map.of(
                F, Map.of("nodeName", F, "statePersister", FailuresPersister.class.getName(),
                        "stateTimeoutSeconds", Long.toString(STATE_TIMEOUT.toSeconds())),
                A, Map.of("nodeName", A, "statePersister", "jdbc", "stateDataSource", "jdbc/roger",
                        "keyLeaseSeconds", "10"),
                B, Map.of("nodeName", B, "statePersister", "jdbc", "stateDataSource", "jdbc/roger",
                        "keyLeaseSeconds", "10"));
        CLUSTER.boot(NODES, configs::get,
                FailuresJobBean.class, FailuresWork.class, FailuresServlet.class, FailuresPersister.class);
        client = AmqpRogerClient.builder().settings(AmqpSettings.ofUri(TestBroker.uri()))
                .stateTimeout(STATE_TIMEOUT).build();
    }

    @AfterAll
    static void stopNodes() {
        if (client != null) {
            client.close();
        }
        CLUSTER.close();
        LOG.drop();
    }

    // ---------------------------------------------------------------- tests

    @Test
    @Order(1)
    void aFreshPartitionWaitsForItsStateWhileThePersisterCannotLoadIt() {
        CLUSTER.control(F, "op=failing&on=true");
        Job plain;
        try (Broker broker = Broker.connect()) {
            try {
                CLUSTER.start(F, Q + "[default=2]");
                Await.until(F + " bids for " + Q + "'s state", WAIT, () -> broker.consumers(Names.ownerQueue(Q)) == 1);
                Await.until("the owner tried to load " + Q + " through FailuresPersister", WAIT,
                        () -> Integer.parseInt(CLUSTER.control(F, "op=loads&p=" + Q)) >= 1);

                assertThrows(StateUnavailableException.class, () -> client.admin().globalState(Q));
                Job keyed = work(0).queueKey("qk-" + RUN).build();
                // Unavailable, never "duplicate": nothing is decided without the state.
                assertThrows(StateUnavailableException.class, () -> client.enqueue(Q, keyed));

                plain = client.enqueue(Q, work(0).build());
                String plainId = plain.id();
                Await.holds("the plain job waits in " + Q + "-default (alone: the keyed one was not published) "
                        + "with no consumer, and does not run", Duration.ofSeconds(3),
                        () -> broker.consumers(Q + "-default") == 0 && broker.messages(Q + "-default") == 1
                                && LOG.runs(Set.of(plainId)).isEmpty());
                assertThrows(StateUnavailableException.class, () -> client.admin().globalState(Q));
            } finally {
                CLUSTER.control(F, "op=failing&on=false");
            }

            String plainId = plain.id();
            Await.until("the plain job ran once the state could be loaded", WAIT,
                    () -> LOG.finished(Set.of(plainId)) == 1);
            assertEquals(F, state(Q).owner());
            Job keyed = client.enqueue(Q, work(0).queueKey("qk-" + RUN).build());
            Await.until("the keyed job ran", WAIT, () -> LOG.finished(Set.of(keyed.id())) == 1);
            Await.holds("each ran once", Duration.ofSeconds(1),
                    () -> LOG.runs(Set.of(plainId)).size() == 1 && LOG.runs(Set.of(keyed.id())).size() == 1);
            assertEquals(1, broker.consumers(Q + "-default"), "fl-f consumes " + Q + " now");
            assertTrue(broker.messages(Q + "-default.buried") <= 0, "nothing was buried");
        }
    }

    @Test
    @Order(2)
    void aDequeuedJobWithAnExecutionKeyGoesBackToItsQueueWhileTheOwnerCannotLoadTheState() {
        String key = "pk-" + RUN;
        String waiting = Names.waitingQueue(P, key);
        CLUSTER.deleteQueues(waiting);
        CLUSTER.start(F, P + "[default=2]");
        assertEquals(F, state(P).owner());
        try (Broker broker = Broker.connect()) {
            Await.until(F + " consumes " + P, WAIT, () -> broker.consumers(P + "-default") == 1);

            // The adapter uses the application's persister class: a pause is stored through it at once.
            client.admin().pauseQueue(P, "default");
            Await.until("the pause is stored through FailuresPersister", Duration.ofSeconds(5),
                    () -> CLUSTER.control(F, "op=stored&p=" + P).contains("\"paused\":[\"default\"]"));
            client.admin().resumeQueue(P, "default");
            Await.until("the resume is stored through FailuresPersister", Duration.ofSeconds(5),
                    () -> CLUSTER.control(F, "op=stored&p=" + P).contains("\"paused\":[]"));
            Await.until(F + " consumes " + P + " again", WAIT, () -> broker.consumers(P + "-default") == 1);

            // Deleting the owner queue cancels the owner's consumer: it stores and drops its state and
            // bids again on its next tick; with the persister down it cannot load the state again.
            CLUSTER.control(F, "op=failing&on=true");
            Job keyed;
            try {
                int loadsBefore = Integer.parseInt(CLUSTER.control(F, "op=loads&p=" + P));
                broker.delete(Names.ownerQueue(P));
                Await.until(F + " bids again for " + P, WAIT, () -> broker.consumers(Names.ownerQueue(P)) == 1);
                assertThrows(StateUnavailableException.class, () -> client.admin().globalState(P));
                assertTrue(Integer.parseInt(CLUSTER.control(F, "op=loads&p=" + P)) > loadsBefore,
                        "the owner tried to load the state again");
                assertEquals(1, broker.consumers(P + "-default"), "the partition keeps running on " + F);

                keyed = client.enqueue(P, work(0).executionKey(key).build());
                String id = keyed.id();
                Pattern back = Pattern.compile("Job " + Pattern.quote(id) + " in partition " + Pattern.quote(P)
                        + " goes back to its queue for a later try");
                Await.until(F + " sent the job back to its queue twice", WAIT,
                        () -> count(back, CLUSTER.node(F).log()) >= 2);
                Await.holds("the job does not run, is not buried and does not wait for its key",
                        Duration.ofSeconds(3), () -> LOG.runs(Set.of(id)).isEmpty()
                                && broker.messages(P + "-default.buried") <= 0 && broker.messages(waiting) <= 0);
            } finally {
                CLUSTER.control(F, "op=failing&on=false");
            }

            String id = keyed.id();
            Await.until("the job ran once the owner could load the state", WAIT, () -> LOG.finished(Set.of(id)) == 1);
            Await.holds("it ran once", Duration.ofSeconds(1), () -> LOG.runs(Set.of(id)).size() == 1);
            GlobalStateInfo after = Await.value("the key is free again", WAIT, () -> {
                GlobalStateInfo s = client.admin().globalState(P);
                return s.executionKeys().containsKey(key) ? null : s;
            });
            assertEquals(F, after.owner());
            assertFalse(after.waitingKeys().contains(key), "the job never waited for its key: " + after);
            assertTrue(broker.messages(P + "-default.buried") <= 0, "nothing was buried");
        }
    }

    @Test
    @Order(3)
    void aPausedQueueStaysPausedOnANodeThatJoinsLater() {
        String spec = S + "[default=2,other=1]";
        CLUSTER.start(A, spec);
        try (Broker broker = Broker.connect()) {
            Await.until(A + " consumes " + S, WAIT,
                    () -> broker.consumers(S + "-default") == 1 && broker.consumers(S + "-other") == 1);
            assertEquals(A, state(S).owner());
            ControlResult paused = client.admin().pauseQueue(S, "default");
            assertTrue(paused.answered().contains(A), paused.toString());
            Await.until(A + " stops consuming " + S + "-default", WAIT, () -> broker.consumers(S + "-default") == 0);

            Job job = client.enqueue(S, work(0).build());
            String id = job.id();
            CLUSTER.start(B, spec);
            // Consumers start only once a node has the partition's state: B consuming the unpaused
            // queue shows it has it.
            Await.until(B + " has " + S + "'s state and consumes its unpaused queue", WAIT,
                    () -> broker.consumers(S + "-other") == 2);
            Await.holds("no node consumes the paused queue or runs its job", Duration.ofSeconds(3),
                    () -> broker.consumers(S + "-default") == 0 && broker.messages(S + "-default") == 1
                            && LOG.runs(Set.of(id)).isEmpty());
            assertEquals(Set.of("default"), client.admin().globalState(S).pausedQueues());

            ControlResult resumed = client.admin().resumeQueue(S, "default");
            assertTrue(resumed.answered().containsAll(List.of(A, B)), resumed.toString());
            Await.until("the job ran", WAIT, () -> LOG.finished(Set.of(id)) == 1);
            Await.until("both nodes consume " + S + "-default", WAIT, () -> broker.consumers(S + "-default") == 2);
            Await.holds("it ran once; one consumer per node", Duration.ofSeconds(2),
                    () -> LOG.runs(Set.of(id)).size() == 1 && broker.consumers(S + "-default") == 2);
            assertEquals(Set.of(), client.admin().globalState(S).pausedQueues());
        }
    }

    /**
     * Why {@link #rogersOwnRequeuesDoNotPushAHealthyJobOverAQuorumQueuesDeliveryLimit} means something:
     * on this broker, a quorum queue with {@code x-delivery-limit=1} dead-letters a message that was
     * returned by a requeueing nack twice. Roger putting a job back that way would lose it there.
     */
    @Test
    @Order(4)
    void theBrokerDeadLettersARequeuedMessageOverTheDeliveryLimit() throws Exception {
        String queue = "fldl-" + RUN;
        String dead = queue + "-dead";
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(TestBroker.uri());
        cf.setAutomaticRecoveryEnabled(false);
        try (Connection c = cf.newConnection("roger-test-delivery-limit"); Channel ch = c.createChannel()) {
            try {
                ch.queueDeclare(dead, true, false, false, Map.of("x-queue-type", "classic"));
                ch.queueDeclare(queue, true, false, false, deliveryLimitOne(dead));
                ch.confirmSelect();
                ch.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, "x".getBytes(StandardCharsets.UTF_8));
                ch.waitForConfirmsOrDie(5_000);

                GetResponse first = ch.basicGet(queue, false);
                assertNotNull(first, "the message is in " + queue);
                ch.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
                GetResponse second = Await.value("the message is back in " + queue + " after one return", WAIT,
                        () -> get(ch, queue));
                assertEquals(0, ch.queueDeclarePassive(dead).getMessageCount(), "one return is within the limit");
                ch.basicNack(second.getEnvelope().getDeliveryTag(), false, true);

                Await.until("the second return dead-letters the message to " + dead, WAIT,
                        () -> count(ch, dead) == 1);
                assertEquals(0, ch.queueDeclarePassive(queue).getMessageCount(), queue + " lost the message");
                assertNull(ch.basicGet(queue, false), queue + " has nothing left to deliver");
            } finally {
                ch.queueDelete(queue);
                ch.queueDelete(dead);
            }
        }
    }

    /**
     * A quorum queue declared before Roger uses it, with {@code x-delivery-limit=1} and dead-lettering:
     * a requeueing nack per try would dead-letter the job on its second return. A keyed job that
     * goes back to its queue again and again while the owner cannot load the state is republished
     * each time (a fresh delivery count), so it stays, is neither dead-lettered nor buried, and
     * runs once when the owner can load again.
     */
    @Test
    @Order(5)
    void rogersOwnRequeuesDoNotPushAHealthyJobOverAQuorumQueuesDeliveryLimit() {
        String main = L + "-default";
        String dead = L + "-dead";
        String buried = main + ".buried";
        String owner = Names.ownerQueue(L);
        String key = "lk-" + RUN;
        String waiting = Names.waitingQueue(L, key);
        CLUSTER.deleteQueues(main, dead, buried, owner, waiting);
        try (Broker broker = Broker.connect()) {
            broker.delete(main, dead, buried, owner, waiting);
            DeclaredQueues.declare(dead, Map.of("x-queue-type", "classic"));
            DeclaredQueues.declare(main, deliveryLimitOne(dead));

            CLUSTER.start(F, L + "[default=2]");
            assertEquals(F, state(L).owner());
            Await.until(F + " consumes " + L, WAIT, () -> broker.consumers(main) == 1);
            assertTrue(DeclaredQueues.hasArguments(main, deliveryLimitOne(dead)),
                    "Roger uses the declared " + main + " as it is");

            CLUSTER.control(F, "op=failing&on=true");
            Job keyed;
            try {
                broker.delete(owner);
                Await.until(F + " bids again for " + L, WAIT, () -> broker.consumers(owner) == 1);
                assertThrows(StateUnavailableException.class, () -> client.admin().globalState(L));
                assertEquals(1, broker.consumers(main), "the partition keeps running on " + F);

                keyed = client.enqueue(L, work(0).executionKey(key).build());
                String id = keyed.id();
                Pattern back = Pattern.compile("Job " + Pattern.quote(id) + " in partition " + Pattern.quote(L)
                        + " goes back to its queue for a later try");
                // With delivery limit 1, nack-requeueing would have dead-lettered it after the 2nd delivery.
                Await.until(F + " sent the job back to its queue 3 times", WAIT, () -> {
                    assertEquals(0, broker.messages(dead), dead + " stays empty");
                    assertTrue(LOG.runs(Set.of(id)).isEmpty(), "the job does not run");
                    return count(back, CLUSTER.node(F).log()) >= 3;
                });
                Await.holds("the job is not dead-lettered, not buried, does not run or wait for its key",
                        Duration.ofSeconds(2), () -> broker.messages(dead) == 0 && broker.messages(buried) <= 0
                                && LOG.runs(Set.of(id)).isEmpty() && broker.messages(waiting) <= 0);
            } finally {
                CLUSTER.control(F, "op=failing&on=false");
            }

            String id = keyed.id();
            Await.until("the job ran once the owner could load the state", WAIT, () -> {
                assertEquals(0, broker.messages(dead), dead + " stays empty");
                return LOG.finished(Set.of(id)) == 1;
            });
            Await.holds("it ran once; nothing dead-lettered", Duration.ofSeconds(1),
                    () -> LOG.runs(Set.of(id)).size() == 1 && broker.messages(dead) == 0);
            assertEquals(0, broker.messages(main), main + " is empty");
            assertTrue(broker.messages(buried) <= 0, "nothing was buried");
            System.out.printf("%s: job %s went back to its queue %d times under x-delivery-limit=1, then ran once%n",
                    L, id, count(Pattern.compile("Job " + Pattern.quote(id) + " in partition " + Pattern.quote(L)
                            + " goes back to its queue for a later try"), CLUSTER.node(F).log()));
        }
    }

    @Test
    @Order(6)
    void aNodeThatDiesHoldingAnExecutionKeyDoesNotStrandItsWaiter() throws Exception {
        String key = "rk-" + RUN;
        String waitingQueue = Names.waitingQueue(R, key);
        CLUSTER.deleteQueues(waitingQueue);
        CLUSTER.start(A, R + "[default=2]");
        try (Broker broker = Broker.connect()) {
            Await.until(A + " consumes " + R, WAIT, () -> broker.consumers(R + "-default") == 1);
            assertEquals(A, state(R).owner());

            // Sleeps 60 s the first time; a second run (the table has its start) takes 1 s.
            Job holder = client.enqueue(R, Job.builder("fl-work").args(new FailuresWork(LOG.table(), 60_000, 1_000))
                    .executionKey(key).build());
            Await.until("the holder runs on " + A, WAIT,
                    () -> LOG.runs(Set.of(holder.id())).stream().anyMatch(r -> r.node().equals(A)));
            Job waiter = client.enqueue(R, work(200).executionKey(key).build());
            Await.until("the waiter waits in " + waitingQueue, WAIT, () -> broker.messages(waitingQueue) == 1);
            GlobalStateInfo held = client.admin().globalState(R);
            assertEquals(holder.id(), held.executionKeys().get(key), held.toString());
            assertTrue(held.waitingKeys().contains(key), held.toString());
            Pattern stored = Pattern.compile("\"waiting\"\\s*:\\s*\\{[^}]*\"" + Pattern.quote(key) + "\"");
            Await.until("the held key and its waiter are stored in roger_state", Duration.ofSeconds(10), () -> {
                String s = storedState(R);
                return s != null && s.contains(holder.id()) && stored.matcher(s).find();
            });

            CLUSTER.node(A).kill();
            long killed = System.nanoTime();
            CLUSTER.start(B, R + "[default=2]");

            Set<String> both = Set.of(holder.id(), waiter.id());
            Await.until("the holder ran again on " + B + ", then the waiter", WAIT, () -> LOG.finished(both) == 2);
            Duration took = Duration.ofNanos(System.nanoTime() - killed);
            Await.holds("nothing runs a third time", Duration.ofSeconds(1), () -> LOG.runs(both).size() == 3);
            List<Run> runs = LOG.runs(both);
            Run first = runs.get(0);
            Run again = runs.get(1);
            Run waited = runs.get(2);
            assertEquals(List.of(A, holder.id(), -1L), List.of(first.node(), first.jobId(), first.stop()),
                    "the holder first ran on " + A + " and never stopped: " + runs);
            assertEquals(List.of(B, holder.id()), List.of(again.node(), again.jobId()),
                    "the holder ran again (redelivered) on " + B + ": " + runs);
            assertEquals(List.of(B, waiter.id()), List.of(waited.node(), waited.jobId()),
                    "then the waiter on " + B + ": " + runs);
            assertTrue(waited.start() >= again.stop(), "the waiter started " + (again.stop() - waited.start())
                    + " µs before the holder stopped: " + runs);
            assertTrue(took.compareTo(WAIT) < 0, "both ran within " + WAIT + " of the kill, took " + took);
            System.out.printf("%s: holder and waiter done %d ms after the kill; the waiter started %d ms after the "
                    + "holder's second run stopped%n", R, took.toMillis(), (waited.start() - again.stop()) / 1000);

            GlobalStateInfo after = Await.value("the key is free and nothing waits", WAIT, () -> {
                GlobalStateInfo s = state(R);
                return s.executionKeys().isEmpty() && broker.messages(waitingQueue) <= 0 ? s : null;
            });
            assertEquals(B, after.owner());
            Await.until("the empty waiting queue is forgotten", Duration.ofSeconds(20),
                    () -> state(R).waitingKeys().isEmpty());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The partition's global state, once its owner answers. */
    private static GlobalStateInfo state(String p) {
        return ClusterNodes.state(client, p);
    }

    private static Job.Builder work(long millis) {
        return Job.builder("fl-work").args(new FailuresWork(LOG.table(), millis, millis));
    }

    /** A durable quorum queue's arguments: delivery limit 1, dead-lettered to {@code dead} through the default exchange. */
    private static Map<String, Object> deliveryLimitOne(String dead) {
        return Map.of("x-queue-type", "quorum", "x-delivery-limit", 1, "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", dead);
    }

    private static GetResponse get(Channel ch, String queue) {
        try {
            return ch.basicGet(queue, false);
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + queue + ": " + e, e);
        }
    }

    private static int count(Channel ch, String queue) {
        try {
            return ch.queueDeclarePassive(queue).getMessageCount();
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot look at " + queue + ": " + e, e);
        }
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The {@code state} text of the partition's row in {@code roger_state}; null while there is none. */
    private static String storedState(String partition) {
        return ClusterNodes.stored("state", partition);
    }
}
