package dev.roger.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.BuriedJob;
import dev.roger.api.DuplicateJobException;
import dev.roger.api.Job;
import dev.roger.api.PartitionNotRunningException;
import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerAdmin;
import dev.roger.api.admin.BuriedPage;
import dev.roger.api.admin.BuriedQuery;
import dev.roger.api.admin.ClusterInfo;
import dev.roger.api.admin.NodeInfo;
import dev.roger.api.admin.PartitionInfo;
import dev.roger.api.admin.PurgeResult;
import dev.roger.api.admin.PurgeTarget;
import dev.roger.api.admin.QueueInfo;
import dev.roger.api.admin.RunningJobInfo;
import dev.roger.api.admin.SafeStopResult;
import dev.roger.api.admin.WaitingPartition;
import dev.roger.client.AmqpRogerClient;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operators' view and tools from Java SE ({@code AmqpRogerClient.admin()}), against two Payara
 * Micro nodes of a Roger cluster of this run's own (so no other test's node answers): Info from
 * both nodes (partitions, a running job, a waiting queue with the broker's reason, counters, the
 * broker's counts), partitions started and stopped on a named node, and a purge that gives back
 * the purged jobs' queue keys.
 */
class AdminIT {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String CLUSTER = "ad" + RUN;
    private static final String P = "ad-" + RUN;
    /** A partition whose queue another connection holds exclusively: the broker refuses it to Roger. */
    private static final String W = "adw-" + RUN;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> NAMES = List.of("one", "two");

    private static final ClusterNodes NODES = new ClusterNodes("admin");
    private static final RunLog LOG = new RunLog("ad_runs_" + RUN, NODES::nodeOfPid);
    private static AmqpRogerClient client;
    private static RogerAdmin admin;

    private static String nodeName(String node) {
        return node + "-" + RUN;
    }

    private static String q(String name) {
        return CLUSTER + "." + name;
    }

    @BeforeAll
    static void bootTwoNodes() throws Exception {
        NODES.deleteQueues(q(P + "-default"), q(P + "-default.buried"), q(W + "-default"), q("roger.owner." + P),
                q("roger.owner." + W), q("ad_boot-default"), q("roger.owner.ad_boot"), q("roger.nodes"),
                q("roger.buried.dropped"), q("roger.buried.log"));
        LOG.create();
        for (String node : NAMES) {
            // One at a time: parallel boots on this shared machine can outlast the boot deadline.
            NODES.boot(List.of(node), name -> Map.of("nodeName", nodeName(node), "cluster", CLUSTER,
                    "statePersister", "none"), AdminJobBean.class, ClusterWork.class, ClusterServlet.class,
                    BuryJobBean.class, BuryJobBean.Declined.class, BuryWork.class, BuriedRecorder.class);
        }
        client = AmqpRogerClient.builder().settings(AmqpSettings.ofUri(TestBroker.uri())).cluster(CLUSTER).build();
        admin = client.admin();
        for (String node : NAMES) {
            admin.startPartition(nodeName(node), PartitionSpec.parse(P + "[default=2]"));
        }
        try (Broker broker = Broker.connect()) {
            Await.until("both nodes consume " + q(P + "-default"), WAIT, () -> broker.consumers(q(P + "-default")) == 2);
        }
    }

    @AfterAll
    static void stopNodes() {
        if (client != null) {
            client.close();
        }
        NODES.close();
        try (Broker broker = Broker.connect()) {
            broker.deleteExchanges(q("roger.control"));
        }
        LOG.drop();
    }

    @Test
    void infoShowsBothNodesTheirPartitionsARunningJobAWaitingQueueAndTheBrokersCounts() {
        Job quick = client.enqueue(P, work(50));
        Await.until("the quick job ran", WAIT, () -> LOG.finished(Set.of(quick.id())) == 1);
        Job slow = client.enqueue(P, work(8_000));
        Broker holder = Broker.connect();
        holder.declareExclusive(q(W + "-default"));
        admin.startPartition(nodeName("one"), PartitionSpec.parse(W + "[default=1]"));

        ClusterInfo info = Await.value("Info shows the slow job running and " + W + " waiting", WAIT, () -> {
            ClusterInfo i = admin.info();
            boolean running = i.nodes().stream().anyMatch(n -> n.running().stream().anyMatch(r -> r.id().equals(slow.id())
                    && r.runningFor().toMillis() > 0));
            boolean waiting = i.node(nodeName("one")).map(n -> !n.waiting().isEmpty()).orElse(false);
            return running && waiting ? i : null;
        });
        assertEquals(2, info.expectedNodes(), info.toString());
        assertEquals(0, info.missingNodes(), info.toString());
        assertEquals(List.of(nodeName("one"), nodeName("two")), info.nodes().stream().map(NodeInfo::name).toList());

        RunningJobInfo running = info.nodes().stream().flatMap(n -> n.running().stream())
                .filter(r -> r.id().equals(slow.id())).findFirst().orElseThrow();
        assertEquals("ad-work", running.type());
        assertEquals(P, running.partition());
        assertTrue(NAMES.stream().map(AdminIT::nodeName).anyMatch(running.node()::equals), running.toString());
        assertEquals(0, running.retryCount());

        WaitingPartition waiting = info.node(nodeName("one")).orElseThrow().waiting().get(0);
        assertEquals(W, waiting.partition());
        assertEquals("default", waiting.queue());
        assertTrue(waiting.reason().contains("RESOURCE_LOCKED"), "the broker's reason: " + waiting.reason());
        assertTrue(waiting.attempts() >= 1 && waiting.nextTry().isAfter(waiting.since()), waiting.toString());

        for (NodeInfo n : info.nodes()) {
            PartitionInfo p = n.partitions().stream().filter(x -> x.partition().equals(P)).findFirst().orElseThrow();
            PartitionInfo.NodeQueue q = p.queues().get(0);
            assertEquals(List.of(new PartitionInfo.NodeQueue("default", 2, PartitionInfo.ConsumerState.CONSUMING,
                    q.inFlight(), q.counters())), p.queues(), n.name());
            assertTrue(n.connected(), n.name());
            assertTrue(n.server().startsWith("Payara"), n.server());
            assertEquals(System.getProperty("roger.version"), n.version(), "the RAR's version, from its manifest");
            assertEquals(0, n.maxConcurrentJobs());
        }
        long started = info.nodes().stream().mapToLong(n -> n.counters().started()).sum();
        long succeeded = info.nodes().stream().mapToLong(n -> n.counters().succeeded()).sum();
        assertTrue(started >= 2 && succeeded >= 1, "counters: " + info.nodes().stream().map(NodeInfo::counters).toList());
        // The queue's own counters: the jobs of this test's partition, counted where they ran.
        List<dev.roger.api.admin.JobCounters> ofQueue = info.nodes().stream().flatMap(n -> n.partitions().stream())
                .filter(x -> x.partition().equals(P)).map(x -> x.queues().get(0).counters()).toList();
        assertTrue(ofQueue.stream().mapToLong(dev.roger.api.admin.JobCounters::started).sum() >= 2
                && ofQueue.stream().mapToLong(dev.roger.api.admin.JobCounters::succeeded).sum() >= 1,
                "the counters of " + P + "-default on each node: " + ofQueue);

        QueueInfo queue = info.queues().stream().filter(x -> x.partition().equals(P)).findFirst().orElseThrow();
        assertEquals(2, queue.consumers(), queue.toString());
        assertEquals(1, queue.unacked(), "the slow job is delivered and unsettled: " + queue);
        assertTrue(info.queues().stream().anyMatch(x -> x.partition().equals(W)), "the waiting queue is listed too");

        Await.until("the slow job ran", WAIT, () -> LOG.finished(Set.of(slow.id())) == 1);

        // The holder lets go (its exclusive queue goes with its connection): the waiting queue is
        // consumed at its next try.
        holder.close();
        Await.until(W + " is consumed and waits no more", WAIT, () -> admin.info().node(nodeName("one"))
                .map(n -> n.waiting().isEmpty() && n.partitions().stream().anyMatch(p -> p.partition().equals(W)
                        && p.queues().get(0).state() == PartitionInfo.ConsumerState.CONSUMING)).orElse(false));
        admin.stopPartition(nodeName("one"), W);
    }

    @Test
    void partitionsAreStartedAndStoppedOnANamedNode() {
        String extra = "adx-" + RUN;
        NODES.deleteQueues(q(extra + "-default"), q("roger.owner." + extra));
        admin.startPartition(nodeName("two"), PartitionSpec.parse(extra + "[default=3]"));
        assertTrue(admin.runningPartitions(nodeName("two")).contains(PartitionSpec.parse(extra + "[default=3]")));
        assertFalse(admin.runningPartitions(nodeName("one")).stream().anyMatch(s -> s.partition().equals(extra)));
        admin.stopPartition(nodeName("two"), extra);
        assertFalse(admin.runningPartitions(nodeName("two")).stream().anyMatch(s -> s.partition().equals(extra)));
        assertThrows(PartitionNotRunningException.class, () -> admin.stopPartition(nodeName("one"), extra));
    }

    @Test
    void aSafeStopUnderLoadReturnsAfterTheLastRunningJobEndedAndLosesNothing() {
        String s = "ads-" + RUN;
        NODES.deleteQueues(q(s + "-default"), q("roger.owner." + s));
        for (String node : NAMES) {
            admin.startPartition(nodeName(node), PartitionSpec.parse(s + "[default=2]"));
        }
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            jobs.add(work(1_500));
        }
        Set<String> ids = new java.util.HashSet<>(client.enqueueAll(s, jobs).stream().map(Job::id).toList());
        Await.until("jobs run on both nodes", WAIT, () -> LOG.runs(ids).stream().map(RunLog.Run::node).distinct().count() == 2);

        SafeStopResult stop = admin.safeStop(s, Duration.ofSeconds(30));
        long returnedAtMicros = java.time.Instant.now().toEpochMilli() * 1000;

        assertTrue(stop.drained(), stop.toString());
        assertEquals(2, stop.expectedNodes(), stop.toString());
        assertEquals(List.of(nodeName("one"), nodeName("two")),
                stop.nodes().stream().map(SafeStopResult.NodeStop::node).toList());
        assertTrue(stop.nodes().stream().allMatch(SafeStopResult.NodeStop::wasRunning), stop.toString());
        assertTrue(stop.nodes().stream().mapToInt(SafeStopResult.NodeStop::jobsFinished).sum() >= 1, stop.toString());
        List<RunLog.Run> runs = LOG.runs(ids);
        assertTrue(runs.stream().allMatch(r -> r.stop() >= 0 && r.stop() <= returnedAtMicros),
                "every job that started had ended when the call returned: " + runs);
        long ran = runs.stream().map(RunLog.Run::jobId).distinct().count();
        assertTrue(ran < 20, "the stop stopped the flow: " + ran + " of 20 ran");
        try (Broker broker = Broker.connect()) {
            assertEquals(0, broker.consumers(q(s + "-default")), "no node consumes the stopped partition");
            Await.until("the jobs that did not run wait in the queue", WAIT,
                    () -> broker.messages(q(s + "-default")) == 20 - ran);
        }
        admin.startPartition(nodeName("one"), PartitionSpec.parse(s + "[default=4]"));
        Await.until("all 20 ran once started again", WAIT, () -> LOG.finished(ids) == 20);
        assertEquals(20, LOG.runs(ids).size(), "each exactly once");
        admin.stopPartition(nodeName("one"), s);
        assertThrows(PartitionNotRunningException.class, () -> admin.safeStop(nodeName("two"), s, Duration.ZERO));
    }

    @Test
    void aPurgeRemovesTheQueuedJobsAndGivesBackTheirQueueKeys() {
        admin.pauseQueue(P, "default");
        try {
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                jobs.add(client.enqueue(P, work(10).toBuilder().queueKey("k" + i).build()));
            }
            for (int i = 0; i < 3; i++) {
                jobs.add(client.enqueue(P, work(10)));
            }
            assertThrows(DuplicateJobException.class, () -> client.enqueue(P, work(10).toBuilder().queueKey("k0").build()),
                    "the key is held while its job waits");
            try (Broker broker = Broker.connect()) {
                Await.until("8 jobs wait", WAIT, () -> broker.messages(q(P + "-default")) == 8);
            }

            PurgeResult purged = admin.purge(P, "default", Set.of(PurgeTarget.QUEUED));
            assertEquals(new PurgeResult(8, 0, 0, 5), purged);
            try (Broker broker = Broker.connect()) {
                assertEquals(0, broker.messages(q(P + "-default")));
            }
            assertEquals(Map.of(), admin.globalState(P).queueKeys(), "every purged job's key is free");
            Job again = client.enqueue(P, work(10).toBuilder().queueKey("k0").build());
            assertEquals(Optional.of("k0"), again.queueKey(), "a new job with a purged job's key is accepted");
            admin.resumeQueue(P, "default");
            Await.until("the new job ran", WAIT, () -> LOG.finished(Set.of(again.id())) == 1);
            Set<String> purgedIds = new java.util.HashSet<>(jobs.stream().map(Job::id).toList());
            assertEquals(List.of(), LOG.runs(purgedIds), "no purged job ran");
        } finally {
            admin.resumeQueue(P, "default");
        }
    }

    @Test
    void buriedJobsAreListedCompleteAndInOrderWhileTwoNodesBuryAndAFilteredRetryRunsExactlyThose() throws Exception {
        String b = "adb-" + RUN;
        NODES.deleteQueues(q(b + "-default"), q(b + "-default.buried"), q("roger.owner." + b));
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            jobs.add(Job.builder("ad-bury").args(new BuryWork(LOG.table(), i % 10 == 0 ? "declined" : "g" + i % 3))
                    .build());
        }
        List<String> ids = client.enqueueAll(b, jobs).stream().map(Job::id).toList();
        Set<String> declined = new java.util.HashSet<>();
        for (int i = 0; i < ids.size(); i += 10) {
            declined.add(ids.get(i));
        }
        BuriedQuery inQueue = BuriedQuery.inQueue(b, "default");

        // Two operators list and search all the time while both nodes bury the 1,000 jobs.
        record Listing(Set<String> buriedBefore, List<String> listed) {
        }
        List<Listing> listings = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> searchFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean allBuried = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService operators = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<?>> listing = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            listing.add(operators.submit(() -> {
                while (!allBuried.get()) {
                    Set<String> before = buriedIds();
                    listings.add(new Listing(before, listAll(inQueue.toBuilder().limit(100).build())));
                    before.stream().findAny().ifPresent(id -> {
                        List<String> found = admin.buried(BuriedQuery.builder().partition(b).jobId(id).build()).jobs()
                                .stream().map(BuriedJob::jobId).toList();
                        if (!found.equals(List.of(id))) {
                            searchFailures.add("search by id " + id + " found " + found);
                        }
                    });
                }
                return null;
            }));
        }
        for (String node : NAMES) {
            admin.startPartition(nodeName(node), PartitionSpec.parse(b + "[default=2]"));
        }
        Await.until("1,000 jobs buried", Duration.ofSeconds(180), () -> buriedIds().size() == 1_000);
        allBuried.set(true);
        for (java.util.concurrent.Future<?> f : listing) {
            f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        operators.shutdown();

        List<String> all = listAll(inQueue.toBuilder().limit(100).build());
        assertEquals(Set.copyOf(ids), Set.copyOf(all), "every buried job is listed");
        assertEquals(1_000, all.size(), "each once");
        try (Broker broker = Broker.connect()) {
            assertEquals(1_000, broker.messages(q(b + "-default.buried")), "listing took nothing from the buried queue");
        }
        long during = listings.stream().filter(l -> !l.buriedBefore().isEmpty() && l.buriedBefore().size() < 1_000)
                .count();
        assertTrue(during >= 2, "listings ran while the nodes buried: " + during + " of " + listings.size());
        System.out.println("AdminIT: " + listings.size() + " complete listings by 2 operators, " + during
                + " of them while the nodes buried");
        Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            position.put(all.get(i), i);
        }
        for (Listing l : listings) {
            Set<String> missing = new java.util.TreeSet<>(l.buriedBefore());
            l.listed().forEach(missing::remove);
            assertEquals(Set.of(), missing, "buried before the listing began but not listed");
            assertEquals(l.listed().size(), Set.copyOf(l.listed()).size(), "no job listed twice");
            for (int i = 1; i < l.listed().size(); i++) {
                assertTrue(position.get(l.listed().get(i - 1)) < position.get(l.listed().get(i)),
                        "every listing in the same order, newest first: " + l.listed().get(i - 1) + " before "
                                + l.listed().get(i));
            }
        }
        // Order is burial order: a job that started after another's burial was confirmed is newer.
        Map<String, Long> started = new java.util.HashMap<>();
        LOG.events("start").forEach(e -> started.putIfAbsent(e.jobId(), e.atMicros()));
        Map<String, Long> buried = new java.util.HashMap<>();
        LOG.events("buried").forEach(e -> buried.putIfAbsent(e.jobId(), e.atMicros()));
        for (String newer : ids) {
            for (String older : ids) {
                if (buried.get(older) < started.get(newer)) {
                    assertTrue(position.get(newer) < position.get(older), newer + " started after " + older
                            + " was buried, so it is listed first");
                }
            }
        }
        assertEquals(List.of(), searchFailures);

        // Searches: by type, error class, and text in the reason.
        assertEquals(1_000, admin.buried(BuriedQuery.builder().partition(b).type("ad-bury").build()).matching());
        BuriedPage declinedPage = admin.buried(BuriedQuery.builder().partition(b).errorClass("Declined").limit(1_000)
                .build());
        assertEquals(declined, declinedPage.jobs().stream().map(BuriedJob::jobId).collect(java.util.stream.Collectors
                .toSet()));
        assertEquals(300, admin.buried(BuriedQuery.builder().partition(b).reasonContains("OF GROUP g1").build())
                .matching(), "i % 3 == 1 among the 900 that are not declined");

        // Retry of a filtered set runs exactly those, once more each.
        assertEquals(100, admin.retryBuried(BuriedQuery.builder().partition(b).errorClass("Declined").build()));
        Await.until("the 100 retried jobs ran and were buried again", WAIT,
                () -> LOG.events("buried").size() == 1_100);
        Set<String> mine = Set.copyOf(ids);
        Await.holds("no other job runs", Duration.ofSeconds(2),
                () -> LOG.events("start").stream().filter(e -> mine.contains(e.jobId())).count() == 1_100);
        Map<String, Long> runs = LOG.events("start").stream().filter(e -> mine.contains(e.jobId()))
                .collect(java.util.stream.Collectors.groupingBy(RunLog.Event::jobId, java.util.stream.Collectors.counting()));
        for (String id : ids) {
            assertEquals(declined.contains(id) ? 2L : 1L, runs.get(id), id);
        }
        List<String> after = listAll(inQueue.toBuilder().limit(100).build());
        assertEquals(1_000, after.size());
        assertEquals(declined, Set.copyOf(after.subList(0, 100)), "the retried jobs, buried again, are the newest");

        for (String node : NAMES) {
            admin.stopPartition(nodeName(node), b);
        }
    }

    /** The ids of the jobs the nodes reported buried (each row written after the broker confirmed the burial). */
    private static Set<String> buriedIds() {
        return LOG.events("buried").stream().map(RunLog.Event::jobId).collect(java.util.stream.Collectors.toSet());
    }

    /** Every page of a listing, followed by cursor. */
    private static List<String> listAll(BuriedQuery query) {
        List<String> ids = new ArrayList<>();
        BuriedPage page = admin.buried(query);
        while (true) {
            page.jobs().forEach(j -> ids.add(j.jobId()));
            if (page.next().isEmpty()) {
                return ids;
            }
            page = admin.buried(query.toBuilder().before(page.next().get()).build());
        }
    }

    private static Job work(long millis) {
        return Job.builder("ad-work").args(new ClusterWork(LOG.table(), millis)).build();
    }
}
