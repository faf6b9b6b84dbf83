package dev.roger.it.coordination;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.ControlResult;
import dev.roger.api.DuplicateJobException;
import dev.roger.api.GlobalStateInfo;
import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerClient;
import dev.roger.api.StateUnavailableException;
import dev.roger.api.event.AfterRun;
import dev.roger.api.event.JobBuried;
import dev.roger.api.event.JobCancelled;
import dev.roger.api.event.JobError;
import dev.roger.api.event.JobEvent;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.NodeNames;
import dev.roger.it.support.RuntimePartitions;
import dev.roger.it.support.Deployments;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A partition's global state on one node: execution keys serialise jobs, queue keys refuse
 * duplicates until the holder finished, cancel drops a queued job and interrupts a running one
 * (one {@code JobCancelled} each, no retry), and a pause through the global state stops
 * consumption until resume, across a reconfiguration, leaving exactly one consumer afterwards.
 * Every test runs in a partition of its own, started at runtime.
 */
@ExtendWith(ArquillianExtension.class)
class CoordinationIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("coordination", WorkBean.class, Work.class, Coord.class, Coord.Mark.class)
                .addClasses(NodeNames.class, RuntimePartitions.class);
    }

    @Inject
    RogerClient roger;

    @Inject

    RogerAdmin admin;

    @Inject
    Coord coord;

    private final List<String> partitions = new ArrayList<>();
    private final List<String> extraQueues = new ArrayList<>();
    private final List<String> gates = new ArrayList<>();

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }

    /** This node's name as the adapter defaults it (no {@code nodeName} is configured here): host:pid. */
    private static String nodeName() {
        return NodeNames.thisJvm();
    }

    /**
     * Starts a fresh partition with the given queues (e.g. {@code default=10}) on this node, and
     * waits until its queues are consumed and its global state answers (it has an owner).
     */
    private String start(String queues) {
        String p = unique("co-");
        partitions.add(p);
        RuntimePartitions.startAndAwaitConsumers(admin, p, queues, WAIT);
        state(p);
        return p;
    }

    /** The partition's global state, once its owner answers. */
    private GlobalStateInfo state(String p) {
        return Await.value("the global state of " + p + " answers", WAIT, () -> {
            try {
                return admin.globalState(p);
            } catch (StateUnavailableException e) {
                return null;
            }
        });
    }

    private String gate() {
        String g = unique("gate-");
        gates.add(g);
        return g;
    }

    private static Job.Builder work(Work work) {
        return Job.builder("co-work").args(work);
    }

    /** Enqueues a job with this queue key as soon as the key is free; returns it. */
    private Job enqueueOnceFree(String p, String queueKey, Work w) {
        return Await.value("queue key '" + queueKey + "' free again", WAIT, () -> {
            try {
                return roger.enqueue(p, work(w).queueKey(queueKey).build());
            } catch (DuplicateJobException e) {
                return null;
            }
        });
    }

    /** The timeline of these jobs is start a, stop a, start b, stop b... with each job exactly once. */
    private void assertOneAfterAnother(List<String> ids) {
        List<Coord.Mark> timeline = coord.timeline(ids);
        assertEquals(2 * ids.size(), timeline.size(), "one start and one stop per job: " + timeline);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < timeline.size(); i += 2) {
            Coord.Mark start = timeline.get(i);
            Coord.Mark stop = timeline.get(i + 1);
            assertEquals("start", start.what(), "no job started while another ran: " + timeline);
            assertEquals("stop:" + start.jobId(), stop.toString(), "no job started while another ran: " + timeline);
            assertTrue(seen.add(start.jobId()), "each job ran once: " + timeline);
        }
    }

    @AfterEach
    void cleanUp() {
        gates.forEach(coord::open);
        try (Broker broker = Broker.connect()) {
            for (String p : partitions) {
                try {
                    admin.stopPartition(admin.localNode().orElseThrow(), p);
                } catch (RuntimeException ignored) {
                    // Not running (any more): nothing to stop.
                }
                broker.delete(p + "-default", p + "-default.buried", p + "-other", p + "-other.buried",
                        Names.ownerQueue(p));
            }
            broker.delete(extraQueues.toArray(String[]::new));
        }
    }

    @Test
    void jobsWithOneExecutionKeyRunStrictlyOneAfterAnother() {
        String p = start("default=10");
        String key = unique("ek-");
        String waiting = Names.waitingQueue(p, key);
        extraQueues.add(waiting);
        String gate = gate();
        try (Broker broker = Broker.connect()) {
            // The first holds the key until the test lets it go, so the others queue up in order.
            Job first = roger.enqueue(p, work(Work.until(gate)).executionKey(key).build());
            Await.until("the first job started", WAIT, () -> coord.started(first.id()));
            assertEquals(first.id(), admin.globalState(p).executionKeys().get(key), "the running job holds the key");

            Job second = roger.enqueue(p, work(Work.sleep(200)).executionKey(key).build());
            Await.until("the second job waits in " + waiting, WAIT, () -> broker.messages(waiting) == 1);
            Job third = roger.enqueue(p, work(Work.sleep(200)).executionKey(key).build());
            Await.until("the third job waits in " + waiting + " too", WAIT, () -> broker.messages(waiting) == 2);
            assertTrue(admin.globalState(p).waitingKeys().contains(key), admin.globalState(p).toString());
            assertFalse(coord.started(second.id()) || coord.started(third.id()), "neither ran while the key was held");

            coord.open(gate);
            List<String> ids = List.of(first.id(), second.id(), third.id());
            Await.until("all three ran", WAIT, () -> ids.stream().allMatch(coord::stopped));
            assertEquals(List.of("start:" + first.id(), "stop:" + first.id(), "start:" + second.id(),
                    "stop:" + second.id(), "start:" + third.id(), "stop:" + third.id()),
                    coord.timeline(ids).stream().map(Coord.Mark::toString).toList());

            Await.until("the key is free and nothing waits", WAIT,
                    () -> !admin.globalState(p).executionKeys().containsKey(key) && broker.messages(waiting) <= 0);
        }
    }

    @Test
    void jobsWithOneExecutionKeyEnqueuedTogetherNeverOverlap() {
        String p = start("default=10");
        String key = unique("ek-");
        extraQueues.add(Names.waitingQueue(p, key));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(roger.enqueue(p, work(Work.sleep(200)).executionKey(key).build()).id());
        }
        Await.until("all five ran", Duration.ofSeconds(40), () -> ids.stream().allMatch(coord::stopped));
        assertOneAfterAnother(ids);
    }

    @Test
    void aQueueKeyRefusesDuplicatesWhileItsJobIsQueuedOrRunning() {
        String p = start("default=1");
        String blockGate = gate();
        String keyedGate = gate();
        String key = unique("order-");
        try (Broker broker = Broker.connect()) {
            // One worker, busy: the keyed job stays queued.
            Job blocker = roger.enqueue(p, work(Work.until(blockGate)).build());
            Await.until("the blocker runs", WAIT, () -> coord.started(blocker.id()));
            Job first = roger.enqueue(p, work(Work.until(keyedGate)).queueKey(key).build());
            Await.until("the keyed job is queued", WAIT, () -> broker.messages(p + "-default") == 1);

            Job whileQueued = work(Work.sleep(0)).queueKey(key).build();
            DuplicateJobException queued = assertThrows(DuplicateJobException.class, () -> roger.enqueue(p, whileQueued));
            assertEquals(first.id(), queued.holderJobId());
            assertEquals(whileQueued.id(), queued.jobId());
            assertEquals(key, queued.queueKey());
            assertEquals(first.id(), admin.globalState(p).queueKeys().get(key));
            assertEquals(1, broker.messages(p + "-default"), "nothing was published for the refused job");

            coord.open(blockGate);
            Await.until("the keyed job runs", WAIT, () -> coord.started(first.id()));
            Job whileRunning = work(Work.sleep(0)).queueKey(key).build();
            DuplicateJobException running = assertThrows(DuplicateJobException.class,
                    () -> roger.enqueue(p, whileRunning));
            assertEquals(first.id(), running.holderJobId());

            coord.open(keyedGate);
            Await.until("the keyed job finished", WAIT,
                    () -> !coord.events(first.id(), AfterRun.class).isEmpty());
            Job again = enqueueOnceFree(p, key, Work.sleep(0));
            Await.until("the job enqueued again ran", WAIT, () -> coord.stopped(again.id()));
            assertEquals(0, coord.runs(whileQueued.id()) + coord.runs(whileRunning.id()), "refused jobs never ran");
            Await.until("the key is free once more", WAIT, () -> !admin.globalState(p).queueKeys().containsKey(key));
        }
    }

    @Test
    void aFailedAndBuriedJobReleasesItsQueueKey() {
        String p = start("default=2");
        String key = unique("fails-");
        Job failing = roger.enqueue(p, work(Work.failing()).queueKey(key).build());
        Await.until("the failing job is buried", WAIT, () -> !coord.events(failing.id(), JobBuried.class).isEmpty());
        assertEquals(1, coord.runs(failing.id()));

        Job next = enqueueOnceFree(p, key, Work.sleep(0));
        Await.until("the next job with the key ran", WAIT, () -> coord.stopped(next.id()));
    }

    @Test
    void jobsWithBothKeysAllRunOneAfterAnother() {
        String p = start("default=10");
        String executionKey = unique("both-");
        extraQueues.add(Names.waitingQueue(p, executionKey));
        List<String> ids = new ArrayList<>();
        List<String> queueKeys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String queueKey = executionKey + "-q" + i;
            queueKeys.add(queueKey);
            ids.add(roger.enqueue(p, work(Work.sleep(200)).queueKey(queueKey).executionKey(executionKey).build()).id());
        }
        Await.until("all three ran", Duration.ofSeconds(30), () -> ids.stream().allMatch(coord::stopped));
        assertOneAfterAnother(ids);
        Await.until("every key is free", WAIT, () -> {
            GlobalStateInfo s = admin.globalState(p);
            return queueKeys.stream().noneMatch(s.queueKeys()::containsKey) && !s.executionKeys().containsKey(executionKey);
        });
    }

    @Test
    void aQueuedJobThatIsCancelledIsDroppedOnceWithoutRunning() {
        String p = start("default=1");
        String gate = gate();
        String key = unique("cancel-me-");
        try (Broker broker = Broker.connect()) {
            Job blocker = roger.enqueue(p, work(Work.until(gate)).build());
            Await.until("the blocker runs", WAIT, () -> coord.started(blocker.id()));
            Job victim = roger.enqueue(p, work(Work.sleep(0)).queueKey(key).build());
            Await.until("the victim is queued", WAIT, () -> broker.messages(p + "-default") == 1);

            ControlResult result = roger.cancel(p, victim.id());
            assertTrue(result.answered().contains(nodeName()) && result.complete(), result.toString());

            coord.open(gate);
            Await.until("JobCancelled of the queued job", WAIT,
                    () -> !coord.events(victim.id(), JobCancelled.class).isEmpty());
            JobCancelled cancelled = coord.events(victim.id(), JobCancelled.class).get(0);
            assertFalse(cancelled.running(), "it was queued, not running");
            assertEquals(p, cancelled.partition());
            Await.until("the queue is drained", WAIT, () -> broker.messages(p + "-default") == 0);
            Await.holds("one JobCancelled, no other event, never ran", Duration.ofSeconds(2), () -> {
                List<JobEvent> events = coord.events(victim.id());
                return events.size() == 1 && events.get(0) instanceof JobCancelled && coord.runs(victim.id()) == 0;
            });
            assertTrue(broker.messages(p + "-default.buried") <= 0, "nothing buried");

            // A cancel releases the job's queue key.
            Job next = enqueueOnceFree(p, key, Work.sleep(0));
            Await.until("the next job with the key ran", WAIT, () -> coord.stopped(next.id()));
        }
    }

    @Test
    void aRunningJobThatIsCancelledIsInterruptedAndNotRetried() {
        String p = start("default=2");
        try (Broker broker = Broker.connect()) {
            Job job = roger.enqueue(p, work(Work.sleep(30_000)).build());
            Await.until("the long job started", WAIT, () -> coord.started(job.id()));

            ControlResult result = roger.cancel(p, job.id());
            assertTrue(result.answered().contains(nodeName()), result.toString());
            Await.until("JobCancelled of the running job within 2 s", Duration.ofSeconds(2),
                    () -> !coord.events(job.id(), JobCancelled.class).isEmpty());
            JobCancelled cancelled = coord.events(job.id(), JobCancelled.class).get(0);
            assertTrue(cancelled.running(), "it was running");
            assertEquals(p, cancelled.partition());
            Await.until("the job's thread saw InterruptedException", Duration.ofSeconds(2),
                    () -> coord.wasInterrupted(job.id()));

            Await.holds("not run again, no error, nothing buried, one JobCancelled", Duration.ofSeconds(3),
                    () -> coord.runs(job.id()) == 1
                            && coord.events(job.id(), JobCancelled.class).size() == 1
                            && coord.events(job.id(), JobError.class).isEmpty()
                            && coord.events(job.id(), AfterRun.class).isEmpty()
                            && coord.events(job.id(), JobBuried.class).isEmpty()
                            && broker.messages(p + "-default") == 0
                            && broker.messages(p + "-default.buried") <= 0);

            Job after = roger.enqueue(p, work(Work.sleep(0)).build());
            Await.until("the partition runs jobs after the cancel", WAIT, () -> coord.stopped(after.id()));
        }
    }

    @Test
    void cancellingAnUnknownOrFinishedJobIsHarmless() {
        String p = start("default=2");
        String unknown = Job.newId();
        assertDoesNotThrow(() -> roger.cancel(p, unknown));
        assertDoesNotThrow(() -> roger.cancel(p, unknown), "twice");

        Job done = roger.enqueue(p, work(Work.sleep(0)).build());
        Await.until("a job finished", WAIT, () -> !coord.events(done.id(), AfterRun.class).isEmpty());
        assertDoesNotThrow(() -> roger.cancel(p, done.id()));

        Job later = roger.enqueue(p, work(Work.sleep(0)).build());
        Await.until("a later job runs normally", WAIT, () -> !coord.events(later.id(), AfterRun.class).isEmpty());
        Await.holds("no JobCancelled for any of them", Duration.ofSeconds(1),
                () -> coord.events(done.id(), JobCancelled.class).isEmpty()
                        && coord.events(later.id(), JobCancelled.class).isEmpty()
                        && coord.events(unknown, JobCancelled.class).isEmpty()
                        && coord.runs(done.id()) == 1);
        assertDoesNotThrow(() -> admin.globalState(p));
    }

    @Test
    void aQueuePausedThroughTheGlobalStateStartsNoJobUntilResumedThenHasOneConsumer() {
        String p = start("default=10");
        String queue = p + "-default";
        try (Broker broker = Broker.connect()) {
            ControlResult paused = admin.pauseQueue(p, "default");
            assertTrue(paused.answered().contains(nodeName()) && paused.complete(), paused.toString());
            assertTrue(admin.globalState(p).pausedQueues().contains("default"), admin.globalState(p).toString());

            Job job = roger.enqueue(p, work(Work.sleep(0)).build());
            Await.until("no consumer on " + queue + ", the job ready in it", WAIT,
                    () -> broker.consumers(queue) == 0 && broker.messages(queue) == 1);
            Await.holds("the job does not run while paused", Duration.ofSeconds(2),
                    () -> !coord.started(job.id()) && broker.consumers(queue) == 0 && broker.messages(queue) == 1);

            ControlResult resumed = admin.resumeQueue(p, "default");
            assertTrue(resumed.answered().contains(nodeName()) && resumed.complete(), resumed.toString());
            assertFalse(admin.globalState(p).pausedQueues().contains("default"));
            Await.until("the job runs after resume", WAIT, () -> coord.stopped(job.id()));
            Await.until("consumed again", WAIT, () -> broker.consumers(queue) == 1);
            Await.holds("exactly one consumer", Duration.ofSeconds(3), () -> broker.consumers(queue) == 1);
            assertEquals(1, coord.runs(job.id()));
        }
    }

    @Test
    void resumingAQueueThatGotNoDeliveryWhilePausedLeavesOneConsumer() {
        String p = start("default=10");
        String queue = p + "-default";
        try (Broker broker = Broker.connect()) {
            admin.pauseQueue(p, "default");
            assertTrue(admin.globalState(p).pausedQueues().contains("default"));
            admin.resumeQueue(p, "default");
            Await.until("consumed", WAIT, () -> broker.consumers(queue) == 1);
            Await.holds("exactly one consumer after a resume with no delivery in between", Duration.ofSeconds(3),
                    () -> broker.consumers(queue) == 1);
            Job job = roger.enqueue(p, work(Work.sleep(0)).build());
            Await.until("a job runs", WAIT, () -> coord.stopped(job.id()));
            Await.holds("it ran once", Duration.ofMillis(500), () -> coord.runs(job.id()) == 1);
        }
    }

    @Test
    void aPauseSurvivesReconfiguringThePartition() {
        String p = start("default=10");
        String queue = p + "-default";
        try (Broker broker = Broker.connect()) {
            admin.pauseQueue(p, "default");
            Job job = roger.enqueue(p, work(Work.sleep(0)).build());
            Await.until("no consumer on " + queue, WAIT, () -> broker.consumers(queue) == 0);

            admin.reconfigurePartition(admin.localNode().orElseThrow(), PartitionSpec.parse(p + "[other=1]"));
            Await.until(p + "-other consumed", WAIT, () -> broker.consumers(p + "-other") == 1);
            admin.reconfigurePartition(admin.localNode().orElseThrow(), PartitionSpec.parse(p + "[default=10]"));
            Await.until(p + "-other no longer consumed, " + queue + " not consumed, the job ready in it", WAIT,
                    () -> broker.consumers(p + "-other") == 0 && broker.consumers(queue) == 0
                            && broker.messages(queue) == 1);
            Await.holds("still paused after reconfiguring", Duration.ofSeconds(2),
                    () -> !coord.started(job.id()) && broker.consumers(queue) == 0);
            assertTrue(admin.globalState(p).pausedQueues().contains("default"));

            admin.resumeQueue(p, "default");
            Await.until("the job runs after resume", WAIT, () -> coord.stopped(job.id()));
            Await.holds("exactly one consumer", Duration.ofSeconds(3), () -> broker.consumers(queue) == 1);
        }
    }

    @Test
    void theOwnerOfThePartitionsStateIsThisNode() {
        String p = start("default=1");
        GlobalStateInfo state = state(p);
        assertEquals(p, state.partition());
        assertFalse(state.owner().isBlank());
        assertEquals(nodeName(), state.owner());
        assertTrue(state.pausedQueues().isEmpty() && state.queueKeys().isEmpty() && state.executionKeys().isEmpty(),
                "a new partition's state is empty: " + state);
        try (Broker broker = Broker.connect()) {
            Await.until("this node, the one candidate, consumes " + Names.ownerQueue(p), WAIT,
                    () -> broker.consumers(Names.ownerQueue(p)) == 1);
        }
        Broker.connectionNames().ifPresent(names -> assertTrue(names.stream()
                .anyMatch(n -> n.equals("roger@" + state.owner()) || n.startsWith("roger@" + state.owner() + "#")),
                "the owner is a node connected to the broker: " + names));
        assertEquals(nodeName(), state("co_boot").owner(), "the boot partition's state is owned here too");
    }
}
