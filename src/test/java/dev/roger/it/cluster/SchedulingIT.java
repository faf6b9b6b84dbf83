package dev.roger.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import dev.roger.api.DuplicateJobException;
import dev.roger.api.Job;
import dev.roger.api.RecurringJob;
import dev.roger.api.RecurringJobInfo;
import dev.roger.client.AmqpRogerClient;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.it.cluster.RunLog.Run;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.testing.TestBroker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scheduled jobs on two Payara Micro nodes of a cluster of this run's own ({@code s<run>}), so the
 * delay cascade's queues are the test's alone and are deleted after it. The broker names the test
 * expects are written out here from the documented scheme (docs/scheduling.md), not taken from the
 * code under test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulingIT {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String CLUSTER = "s" + RUN;
    private static final String P = "sc-" + RUN;
    private static final List<String> NAMES = List.of("one", "two");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final ClusterNodes NODES = new ClusterNodes("scheduling");
    private static final RunLog LOG = new RunLog("sc_runs_" + RUN, NODES::nodeOfPid);
    private static final RunLog TICKS = new RunLog(TickJobBean.TABLE, NODES::nodeOfPid);
    private static AmqpRogerClient client;

    private static String named(String name) {
        return CLUSTER + "." + name;
    }

    @BeforeAll
    static void startTwoNodes() throws Exception {
        NODES.forgetStates(named(P), named("sc_boot"));
        NODES.deleteQueues(named(P + "-default"), named(P + "-default.buried"), named("roger.owner." + P),
                named("sc_boot-default"), named("roger.owner.sc_boot"), named("roger.nodes"),
                named("roger.buried.dropped"), named("roger.buried.log"), named("roger.delay.unrouted"));
        for (int level = 0; level < 30; level++) {
            NODES.deleteQueues(named(String.format("roger.delay.%02d", level)));
        }
        LOG.create();
        TICKS.drop();
        TICKS.create();
        NODES.forgetStates(named("sc_tick"));
        NODES.deleteQueues(named("sc_tick-default"), named("sc_tick-default.buried"), named("roger.owner.sc_tick"));
        NODES.boot(NAMES, name -> Map.of("nodeName", name + "-" + RUN, "cluster", CLUSTER,
                "statePersister", "jdbc", "stateDataSource", "jdbc/roger"),
                SchedulingJobBean.class, ClusterWork.class, SchedulingServlet.class, TickJobBean.class);
        // 30 workers a node (Payara's MDB pool holds 32): the recording job holds its worker through
        // two autocommitted inserts, and with 10 a node a stall of this test's own database (seen in
        // CI beside the second lane; a 1.5 s table lock here made a job 1.4 s late) left the next
        // due jobs waiting for a worker, which is the recorder's capacity, not the scheduler's timing.
        for (String node : NAMES) {
            NODES.start(node, P + "[default=30]");
        }
        client = AmqpRogerClient.builder().settings(AmqpSettings.ofUri(TestBroker.uri())).cluster(CLUSTER).build();
        ClusterNodes.state(client, P);
    }

    @AfterAll
    static void stopNodes() {
        if (client != null) {
            client.close();
        }
        NODES.close();
        try (Broker broker = Broker.connect()) {
            List<String> exchanges = new ArrayList<>(List.of(named("roger.control"), named("roger.delay.delivery"),
                    named("roger.delay.unrouted")));
            for (int level = 0; level < 30; level++) {
                exchanges.add(named(String.format("roger.delay.%02d", level)));
            }
            broker.deleteExchanges(exchanges.toArray(String[]::new));
        }
        LOG.drop();
        TICKS.drop();
    }

    @Test
    @Order(1)
    void aJobDelayedThreeSecondsStartsBetweenThreeAndFourAndAHalfSecondsLaterFromJavaSeAndFromTheContainer() {
        long before = micros(Instant.now());
        Job fromSe = client.enqueue(P, work().delay(Duration.ofSeconds(3)).build());
        String[] fromContainer = NODES.control("one", "op=schedule&p=" + P + "&table=" + LOG.table() + "&ms=3000")
                .split(" ");
        Map<String, Long> enqueuedAt = Map.of(fromSe.id(), before, fromContainer[0], Long.parseLong(fromContainer[1]));
        Await.until("both delayed jobs ran", Duration.ofSeconds(15), () -> LOG.finished(enqueuedAt.keySet()) == 2);
        for (Run run : LOG.runs(enqueuedAt.keySet())) {
            double after = (run.start() - enqueuedAt.get(run.jobId())) / 1e6;
            assertTrue(after >= 3.0 && after <= 4.5, run.jobId() + " started " + after + " s after its enqueue");
        }
        assertEquals(2, LOG.runs(enqueuedAt.keySet()).size(), "each ran once");
    }

    @Test
    @Order(2)
    void aThousandJobsWithRandomDelaysOfOneToTwentySecondsEachStartWithinASecondAfterItsTime() {
        Random random = new Random(42);
        Map<String, Instant> due = new HashMap<>();
        for (int batch = 0; batch < 10; batch++) {
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                jobs.add(work().delay(Duration.ofMillis(1_000 + random.nextInt(19_001))).build());
            }
            client.enqueueAll(P, jobs).forEach(j -> due.put(j.id(), j.runAt().orElseThrow()));
        }
        Await.until("the 1,000 delayed jobs ran", WAIT, () -> LOG.finished(due.keySet()) == 1_000);
        List<Run> runs = LOG.runs(due.keySet());
        assertEquals(1_000, runs.size(), "each ran once");
        List<Double> lateness = runs.stream().map(r -> (r.start() - micros(due.get(r.jobId()))) / 1e6).sorted().toList();
        String summary = "lateness min " + lateness.get(0) + " s, median " + lateness.get(500) + " s, max "
                + lateness.get(999) + " s";
        assertTrue(lateness.get(0) >= 0, "no job started before its time: " + summary);
        assertTrue(lateness.get(999) <= 1.0, "every job started within 1 s after its time: " + summary);
        System.getLogger(SchedulingIT.class.getName()).log(System.Logger.Level.INFO, summary);
    }

    @Test
    @Order(3)
    void aJobDelayedAYearWaitsInLevel28WithItsDelayInBinaryAsRoutingKey() {
        Instant at = Instant.now().plus(Duration.ofDays(365));
        Job job = client.enqueue(P, work().runAt(at).queueKey("yearly-" + RUN).build());
        assertThrows(DuplicateJobException.class, () -> client.enqueue(P, work().queueKey("yearly-" + RUN).build()),
                "its queue key is held from the enqueue, while it waits");
        // 365 days in tenths of a second, rounded up: bit 28 (2^28 tenths = 310.7 days) is its highest.
        long tenths = (Duration.between(job.queuedAt().orElseThrow(), at).toMillis() + 99) / 100;
        StringBuilder key = new StringBuilder();
        for (int bit = 29; bit >= 0; bit--) {
            key.append((tenths >> bit) & 1).append(bit > 0 ? "." : "");
        }
        try (Broker broker = Broker.connect()) {
            String level28 = named("roger.delay.28");
            Await.until("the job waits in " + level28, Duration.ofSeconds(5), () -> broker.messages(level28) == 1);
            GetResponse r = broker.take(level28);
            assertEquals(job.id(), r.getProps().getMessageId());
            assertEquals(key.toString(), r.getEnvelope().getRoutingKey());
            assertEquals(named(P + "-default"), String.valueOf(r.getProps().getHeaders().get("roger-delay-to")));
            assertEquals(at.toEpochMilli(), ((Number) r.getProps().getHeaders().get("roger-due")).longValue());
            for (int level = 0; level < 30; level++) {
                assertEquals(0, broker.messages(named(String.format("roger.delay.%02d", level))),
                        "nothing else waits in level " + level);
            }
        }
    }

    @Test
    @Order(4)
    void aCancelledScheduledJobNeverRunsWhileItsNeighbourDoes() {
        Job cancelled = client.enqueue(P, work().delay(Duration.ofSeconds(2)).build());
        Job kept = client.enqueue(P, work().delay(Duration.ofSeconds(2)).build());
        client.cancel(P, cancelled);
        Await.until("the job not cancelled ran", Duration.ofSeconds(15), () -> LOG.finished(Set.of(kept.id())) == 1);
        try (Broker broker = Broker.connect()) {
            Await.until("the cancelled job was taken from its queue", Duration.ofSeconds(5),
                    () -> broker.messages(named(P + "-default")) == 0);
        }
        Await.holds("the cancelled job never runs", Duration.ofSeconds(1),
                () -> LOG.runs(Set.of(cancelled.id())).isEmpty());
    }

    @Test
    @Order(5)
    void aJobEnqueuedInATransactionIsPublishedAfterTheCommitAndNeverAfterARollback() {
        String[] committed = NODES.control("one", "op=tx&outcome=commit&p=" + P + "&table=" + LOG.table()).split(" ");
        String[] rolledBack = NODES.control("two", "op=tx&outcome=rollback&p=" + P + "&table=" + LOG.table()).split(" ");
        Await.until("the committed transaction's job ran", Duration.ofSeconds(15),
                () -> LOG.finished(Set.of(committed[0])) == 1);
        List<Run> runs = LOG.runs(Set.of(committed[0]));
        assertEquals(1, runs.size(), "the committed job ran once: " + runs);
        assertTrue(runs.get(0).start() >= Long.parseLong(committed[1]),
                "it started after the commit (was enqueued 0.5 s before it): " + runs);
        Await.holds("the rolled-back transaction's job never runs", Duration.ofSeconds(2),
                () -> LOG.runs(Set.of(rolledBack[0])).isEmpty());
        try (Broker broker = Broker.connect()) {
            assertEquals(0, broker.messages(named(P + "-default")), "nor waits in the queue");
        }
    }

    @Test
    @Order(6)
    void aCronDeclaredOnTheBeanIsListedWithItsNextTickAndFiresEverySecondOnce() {
        List<RecurringJobInfo> listed = Await.value("the bean's recurring job is declared to the owner", WAIT, () -> {
            try {
                List<RecurringJobInfo> l = client.admin().recurringJobs("sc_tick");
                return l.isEmpty() ? null : l;
            } catch (dev.roger.api.StateUnavailableException ownerNotYetThere) {
                return null;
            }
        });
        assertEquals(1, listed.size(), listed.toString());
        RecurringJobInfo tick = listed.get(0);
        assertEquals("sc-tick", tick.job().name());
        assertEquals("sc-tick", tick.job().type());
        assertEquals("* * * * * *", tick.job().cron());
        Instant next = tick.nextTick().orElseThrow();
        assertTrue(Duration.between(Instant.now(), next).abs().compareTo(Duration.ofSeconds(2)) < 0,
                "its next tick is within the second: " + next);
        Await.until("it fired three times", Duration.ofSeconds(15), () -> tickIds().size() >= 3);
        Map<String, Long> runsPerId = TICKS.events("start").stream()
                .collect(java.util.stream.Collectors.groupingBy(RunLog.Event::jobId, java.util.stream.Collectors.counting()));
        assertTrue(runsPerId.values().stream().allMatch(n -> n == 1), "each tick ran once: " + runsPerId);
        assertTrue(runsPerId.keySet().stream().allMatch(id -> id.matches("r-sc-tick-\\d+")), runsPerId.toString());
    }

    private static Set<String> tickIds() {
        return TICKS.events("start").stream().map(RunLog.Event::jobId).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * A recurring job added through the admin API, every second, on a partition both nodes run;
     * half-way the node that owns the partition's state is killed. Every second from the
     * registration to the removal is fired exactly once, except the seconds of the take-over,
     * which the survivor makes up with one fire (FIRE_ONCE), within the documented gap.
     */
    @Test
    @Order(7)
    void aCronOfEverySecondOnTwoNodesFiresOncePerSecondAlsoWhileItsOwnerIsKilled() throws Exception {
        Instant added = Instant.now();
        client.admin().scheduleRecurring(P, RecurringJob.builder("every-second", "* * * * * *", "sc-work")
                .args(new ClusterWork(LOG.table(), 0)).build());
        Await.until("it fires", Duration.ofSeconds(5), () -> !secondsFired().isEmpty());
        Thread.sleep(8_000);
        String owner = client.admin().globalState(P).owner();
        String victim = NAMES.stream().filter(n -> (n + "-" + RUN).equals(owner)).findFirst().orElseThrow();
        Instant killed = Instant.now();
        NODES.node(victim).kill();
        Thread.sleep(12_000);
        assertTrue(client.admin().removeRecurring(P, "every-second"));
        Instant removed = Instant.now();
        Thread.sleep(1_500);

        List<Long> seconds = secondsFired();
        Map<String, List<Run>> runsPerJob = LOG.runs(Set.copyOf(jobIdsFired())).stream()
                .collect(java.util.stream.Collectors.groupingBy(Run::jobId));
        // A run the kill cut short (no stop) is redelivered: that is at-least-once delivery, not a second fire.
        runsPerJob.forEach((id, runs) -> assertEquals(1, runs.stream().filter(r -> r.stop() >= 0).count(),
                id + " ran once to its end: " + runs));
        // The nodes are told of a job added from Java SE at once: its first tick fires.
        long first = seconds.get(0);
        assertTrue(first - added.getEpochSecond() <= 2, "the first fire came within 2 s of the registration: "
                + (first - added.getEpochSecond()) + " s");
        long last = removed.getEpochSecond() - 1;
        List<Long> missing = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            if (!seconds.contains(s)) {
                missing.add(s - killed.getEpochSecond());
            }
        }
        String summary = seconds.size() + " fires over " + (last - first + 1) + " s; missing seconds relative to the kill: "
                + missing;
        System.getLogger(SchedulingIT.class.getName()).log(System.Logger.Level.INFO, summary);
        assertTrue(seconds.stream().filter(t -> t <= last).count() >= last - first + 1 - 8, summary);
        assertTrue(missing.stream().allMatch(m -> m >= 0 && m <= 8),
                "only seconds of the take-over (at most 8 s after the kill) are missing: " + summary);
    }

    private static List<String> jobIdsFired() {
        return LOG.events("start").stream().map(RunLog.Event::jobId).filter(id -> id.startsWith("r-every-second-"))
                .distinct().toList();
    }

    private static List<Long> secondsFired() {
        return jobIdsFired().stream().map(id -> Long.parseLong(id.substring("r-every-second-".length()))).sorted()
                .toList();
    }

    private static Job.Builder work() {
        return Job.builder("sc-work").args(new ClusterWork(LOG.table(), 0));
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
