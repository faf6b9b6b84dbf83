package dev.roger.it.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import dev.roger.api.BuriedJob;
import dev.roger.api.Job;
import dev.roger.api.JobTimeoutException;
import dev.roger.api.Names;
import dev.roger.api.NonRetryableException;
import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerClient;
import dev.roger.api.admin.BuriedPage;
import dev.roger.api.admin.BuriedQuery;
import dev.roger.api.event.AfterRun;
import dev.roger.api.event.BeforeRun;
import dev.roger.api.event.JobBuried;
import dev.roger.api.event.JobError;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.NodeNames;
import dev.roger.it.support.RuntimePartitions;
import dev.roger.it.support.DeclaredQueues;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.JulCapture;
import dev.roger.it.support.RabbitCtl;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failures on one Payara Micro node: retryable jobs run again after each retry level (through
 * {@code <p>-<q>.retry.<s>}, back to the queue they came from) and are buried when the levels are
 * used up, with their history in headers; non-retryable errors, timeouts, errors and throwing
 * observers bury a job exactly once; the buried-queue operations list, retry and delete; buried
 * queues are bounded and what they drop is logged. Every test runs in partitions of its own,
 * started at runtime.
 */
@ExtendWith(ArquillianExtension.class)
class RetryIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The lower bound of a 1 s retry level, with room for clock granularity. */
    private static final long ONE_LEVEL_NANOS = Duration.ofMillis(900).toNanos();
    private static final String DROPPED = "roger.buried.dropped";

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("retry", Plan.class, Trace.class, Trace.Run.class, Trace.Seen.class,
                        LevelsBean.class, ZeroLevelBean.class, RetryableBean.class, TimedBean.class, SwitchBean.class,
                        ObservedBean.class, PlainBean.class, ThrowingObserver.class)
                .addClasses(JulCapture.class, RabbitCtl.class, DeclaredQueues.class, NodeNames.class,
                        RuntimePartitions.class);
    }

    @Inject
    RogerClient roger;

    @Inject

    RogerAdmin admin;

    @Inject
    Trace trace;

    private final List<String> partitions = new ArrayList<>();

    private static String unique() {
        return "rt" + Long.toString(System.nanoTime(), 36);
    }

    /** This node's name as the adapter defaults it (no {@code nodeName} is configured here): host:pid. */
    private static String nodeName() {
        return NodeNames.thisJvm();
    }

    /** Starts a fresh partition with these queues (e.g. {@code default=4}) and waits until they are consumed. */
    private String start(String queues) {
        return start(unique(), queues);
    }

    private String start(String p, String queues) {
        partitions.add(p);
        RuntimePartitions.startAndAwaitConsumers(admin, p, queues, WAIT);
        return p;
    }

    @AfterEach
    void cleanUp() {
        trace.failing(false);
        try (Broker broker = Broker.connect()) {
            for (String p : partitions) {
                try {
                    admin.stopPartition(admin.localNode().orElseThrow(), p);
                } catch (RuntimeException ignored) {
                    // Not running (any more): nothing to stop.
                }
                for (String q : List.of("default", "special")) {
                    String main = Names.mainQueue(p, q);
                    broker.delete(main, Names.buriedQueue(p, q), main + ".retry.0", main + ".retry.1");
                }
                broker.delete(Names.ownerQueue(p));
            }
        }
    }

    private Job enqueue(String p, Job.Builder job) {
        return roger.enqueue(p, job.build());
    }

    /** The ids of the jobs buried from the partition's default queue, newest first. */
    private List<String> buriedIds(String partition) {
        return admin.buried(BuriedQuery.inQueue(partition, "default")).jobs().stream().map(BuriedJob::jobId).toList();
    }

    private JobBuried awaitBuried(String jobId) {
        Await.until("JobBuried of " + jobId, WAIT, () -> trace.count(jobId, JobBuried.class) > 0);
        return trace.events(jobId, JobBuried.class).get(0);
    }

    private AfterRun awaitAfterRun(String jobId) {
        Await.until("AfterRun of " + jobId, WAIT, () -> trace.count(jobId, AfterRun.class) > 0);
        return trace.events(jobId, AfterRun.class).get(0);
    }

    /** Takes the buried queue's messages and returns the one of this job (failing when it is not there). */
    private static GetResponse takeBuried(Broker broker, String buriedQueue, String jobId) {
        return takeBuried(broker, buriedQueue, List.of(jobId)).get(jobId);
    }

    /**
     * Takes every message of the buried queue until those of these jobs came, and returns them by
     * job id (failing unless each job has exactly one buried copy).
     */
    private static Map<String, GetResponse> takeBuried(Broker broker, String buriedQueue, List<String> jobIds) {
        List<GetResponse> got = new ArrayList<>();
        Await.until(jobIds + " in " + buriedQueue, WAIT, () -> {
            got.addAll(broker.drain(buriedQueue));
            return jobIds.stream().allMatch(id -> got.stream().anyMatch(r -> id.equals(r.getProps().getMessageId())));
        });
        Map<String, GetResponse> mine = new java.util.HashMap<>();
        for (String id : jobIds) {
            List<GetResponse> copies = got.stream().filter(r -> id.equals(r.getProps().getMessageId())).toList();
            assertEquals(1, copies.size(), "buried copies of " + id);
            mine.put(id, copies.get(0));
        }
        return mine;
    }

    private static String header(GetResponse message, String name) {
        Object value = message.getProps().getHeaders().get(name);
        assertNotNull(value, "header " + name + " in " + message.getProps().getHeaders());
        return value.toString();
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    // 1
    @Test
    void aRetryableJobRunsAgainAfterEachLevelThenIsBuriedWithItsHistory() {
        String p = start("default=4");
        long t0 = System.nanoTime();
        Job job = enqueue(p, Job.builder("rt-levels").args(Plan.alwaysFails()));

        Await.until("JobBuried of " + job.id(), WAIT, () -> trace.count(job.id(), JobBuried.class) > 0);
        long took = System.nanoTime() - t0;
        List<Trace.Seen> errors = trace.seen(job.id(), JobError.class);
        assertEquals(4, errors.size(), "one JobError per failed attempt: " + errors);
        for (int i = 0; i < 4; i++) {
            JobError e = (JobError) errors.get(i).event();
            assertEquals(i, e.attempt(), "attempt of JobError " + i);
            assertEquals(i < 3, e.retryScheduled(), "retryScheduled of attempt " + i);
            assertEquals(i == 3, e.buried(), "buried of attempt " + i);
            assertEquals(p, e.partition());
            assertEquals(i, e.job().retryCount(), "the job as it ran");
            assertInstanceOf(IllegalStateException.class, e.error());
            assertEquals("fails on purpose: " + job.id() + " attempt " + i, e.error().getMessage());
        }
        for (int i = 1; i < 4; i++) {
            long gap = errors.get(i).nanos() - errors.get(i - 1).nanos();
            assertTrue(gap >= ONE_LEVEL_NANOS, "JobError " + i + " came " + millis(gap) + " ms after the one before; "
                    + "the level is 1 s");
        }
        assertTrue(took < Duration.ofSeconds(10).toNanos(), "three 1 s levels took " + millis(took) + " ms");
        assertEquals(List.of(0, 1, 2, 3), trace.retryCounts(job.id()), "retryCount seen by the bean");
        JobBuried buried = trace.events(job.id(), JobBuried.class).get(0);
        assertEquals(p, buried.partition());
        assertInstanceOf(IllegalStateException.class, buried.reason());

        Await.holds("no fifth run, one JobBuried", Duration.ofSeconds(2),
                () -> trace.runs(job.id()).size() == 4 && trace.count(job.id(), JobBuried.class) == 1
                        && trace.count(job.id(), JobError.class) == 4);

        try (Broker broker = Broker.connect()) {
            GetResponse m = takeBuried(broker, p + "-default.buried", job.id());
            assertEquals("4", header(m, "x-roger-attempts"));
            assertEquals(IllegalStateException.class.getName(), header(m, "x-roger-error-class"));
            assertEquals("fails on purpose: " + job.id() + " attempt 3", header(m, "x-roger-error-message"));
            assertTrue(header(m, "x-roger-reason").startsWith("job failed: java.lang.IllegalStateException: fails on "
                    + "purpose: " + job.id() + " attempt 3"), header(m, "x-roger-reason"));
            String stack = header(m, "x-roger-stack");
            assertTrue(stack.startsWith("java.lang.IllegalStateException: fails on purpose") && stack.contains(
                    "Trace.perform"), stack);
            assertEquals(nodeName(), header(m, "x-roger-node"));
            Instant first = Instant.parse(header(m, "x-roger-first-failed-at"));
            Instant last = Instant.parse(header(m, "x-roger-failed-at"));
            assertTrue(first.isBefore(last), first + " < " + last);
            assertTrue(Duration.between(first, last).toMillis() >= 2700,
                    "three 1 s levels between the first and last failure: " + first + " .. " + last);
            assertEquals(0, broker.messages(p + "-default"), "nothing left in the main queue");
            assertNotNull(broker.queue(p + "-default.retry.1"), "the 1 s level went through " + p + "-default.retry.1");
        }
        RabbitCtl.queueArguments(p + "-default.retry.1").ifPresent(args -> {
            assertTrue(args.contains("{\"x-message-ttl\",1000}"), args);
            assertTrue(args.contains("{\"x-dead-letter-routing-key\",\"" + p + "-default\"}"), args);
        });
    }

    // 2
    @Test
    void aZeroLevelRetriesAtOnceThenBuries() {
        String p = start("default=4");
        Job job = enqueue(p, Job.builder("rt-zero").args(Plan.alwaysFails()));

        awaitBuried(job.id());
        List<JobError> errors = trace.events(job.id(), JobError.class);
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(0, errors.get(0).attempt());
        assertTrue(errors.get(0).retryScheduled() && !errors.get(0).buried(), errors.get(0).toString());
        assertEquals(1, errors.get(1).attempt());
        assertTrue(!errors.get(1).retryScheduled() && errors.get(1).buried(), errors.get(1).toString());
        List<Trace.Run> runs = trace.runs(job.id());
        assertEquals(List.of(0, 1), trace.retryCounts(job.id()));
        long gap = runs.get(1).nanos() - runs.get(0).nanos();
        assertTrue(gap < Duration.ofMillis(900).toNanos(), "a 0 s level retries at once, took " + millis(gap) + " ms");
        Await.holds("two runs, one JobBuried", Duration.ofSeconds(2),
                () -> trace.runs(job.id()).size() == 2 && trace.count(job.id(), JobBuried.class) == 1);
        try (Broker broker = Broker.connect()) {
            assertEquals("2", header(takeBuried(broker, p + "-default.buried", job.id()), "x-roger-attempts"));
        }
    }

    // 3
    @Test
    void aRetryGoesBackToTheOverrideQueueTheJobCameFrom() {
        String p = start("default=2,special=2");
        long t0 = System.nanoTime();
        Job job = enqueue(p, Job.builder("rt-retryable").queue("special").args(Plan.failsFirst()));

        AfterRun after = awaitAfterRun(job.id());
        List<Trace.Run> runs = trace.runs(job.id());
        assertEquals(2, runs.size(), runs.toString());
        assertEquals("special", runs.get(0).queue());
        assertEquals("special", runs.get(1).queue(), "the retry came back to the queue it came from");
        assertEquals(1, runs.get(1).retryCount());
        assertTrue(runs.get(1).nanos() - runs.get(0).nanos() >= ONE_LEVEL_NANOS,
                "retried after " + millis(runs.get(1).nanos() - runs.get(0).nanos()) + " ms; the level is 1 s");
        assertEquals("special", after.job().queue().orElseThrow());
        assertEquals(1, after.job().retryCount());
        JobError error = trace.events(job.id(), JobError.class).get(0);
        assertTrue(error.retryScheduled() && !error.buried() && error.attempt() == 0, error.toString());
        try (Broker broker = Broker.connect()) {
            assertNotNull(broker.queue(p + "-special.retry.1"), "retried through " + p + "-special.retry.1");
            assertNull(broker.queue(p + "-default.retry.1"), "nothing went through the default queue's retry level");
            assertEquals(0, broker.messages(p + "-default"));
            assertEquals(0, broker.messages(p + "-special"));
            assertTrue(broker.messages(p + "-special.buried") <= 0 && broker.messages(p + "-default.buried") <= 0,
                    "nothing buried");
        }
        Await.holds("no third run", Duration.ofMillis(500), () -> trace.runs(job.id()).size() == 2);
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos());
    }

    // 4
    @Test
    void aJobEnqueuedRetryableIsRetriedWithTheAdaptersLevels() {
        String p = start("default=4");
        Job job = enqueue(p, Job.builder("rt-plain").retryable(true).args(Plan.failsFirst()));

        AfterRun after = awaitAfterRun(job.id());
        List<Trace.Run> runs = trace.runs(job.id());
        assertEquals(List.of(0, 1), trace.retryCounts(job.id()));
        long gap = runs.get(1).nanos() - runs.get(0).nanos();
        assertTrue(gap >= ONE_LEVEL_NANOS, "the adapter's first level is 1 s; retried after " + millis(gap) + " ms");
        assertEquals(1, after.job().retryCount());
        assertTrue(after.job().retryable(), "the retry keeps the job's retryable flag");
        List<JobError> errors = trace.events(job.id(), JobError.class);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).retryScheduled() && !errors.get(0).buried() && errors.get(0).attempt() == 0);
        try (Broker broker = Broker.connect()) {
            assertNotNull(broker.queue(p + "-default.retry.1"), "the adapter's first level, 1 s");
            assertTrue(broker.messages(p + "-default.buried") <= 0, "nothing buried");
        }
    }

    // 5
    @Test
    void aNonRetryableErrorBuriesARetryableJobAtOnce() {
        String p = start("default=4");
        Job direct = enqueue(p, Job.builder("rt-retryable").args(Plan.alwaysFails("nonretryable")));
        Job cause = enqueue(p, Job.builder("rt-retryable").args(Plan.alwaysFails("nonretryable-cause")));

        for (Job job : List.of(direct, cause)) {
            awaitBuried(job.id());
            List<JobError> errors = trace.events(job.id(), JobError.class);
            assertEquals(1, errors.size(), errors.toString());
            JobError e = errors.get(0);
            assertEquals(0, e.attempt());
            assertFalse(e.retryScheduled(), e.toString());
            assertTrue(e.buried(), e.toString());
        }
        assertInstanceOf(NonRetryableException.class, trace.events(direct.id(), JobError.class).get(0).error());
        assertInstanceOf(NonRetryableException.class,
                trace.events(cause.id(), JobError.class).get(0).error().getCause());
        // Its level is 1 s: a wrong retry would run within the hold.
        Await.holds("each ran once", Duration.ofSeconds(2), () -> trace.runs(direct.id()).size() == 1
                && trace.runs(cause.id()).size() == 1 && trace.count(direct.id(), JobBuried.class) == 1
                && trace.count(cause.id(), JobBuried.class) == 1);
        try (Broker broker = Broker.connect()) {
            Map<String, GetResponse> buried = takeBuried(broker, p + "-default.buried",
                    List.of(direct.id(), cause.id()));
            assertEquals(NonRetryableException.class.getName(), header(buried.get(direct.id()), "x-roger-error-class"));
            assertEquals(IllegalStateException.class.getName(), header(buried.get(cause.id()), "x-roger-error-class"));
            buried.values().forEach(m -> assertEquals("1", header(m, "x-roger-attempts")));
            assertNull(broker.queue(p + "-default.retry.1"), "no retry was scheduled");
        }
    }

    // 6
    @Test
    void aJobOverItsMaximumExecutionTimeIsInterruptedAndFailsAtOnce() {
        String p = start("default=4");
        try (JulCapture log = JulCapture.install("dev.roger.ra.inbound.JobRunner", Level.INFO)) {
            Job byType = enqueue(p, Job.builder("rt-timed").args(Plan.sleeps(2000)));
            Job byJob = enqueue(p, Job.builder("rt-plain").maxExecutionTime(Duration.ofMillis(500))
                    .args(Plan.sleeps(2000)));

            for (Job job : List.of(byType, byJob)) {
                Duration limit = job == byType ? Duration.ofSeconds(1) : Duration.ofMillis(500);
                Await.until("JobError of " + job.id(), WAIT, () -> trace.count(job.id(), JobError.class) > 0);
                Trace.Seen before = trace.seen(job.id(), BeforeRun.class).get(0);
                Trace.Seen error = trace.seen(job.id(), JobError.class).get(0);
                long after = error.nanos() - before.nanos();
                assertTrue(after >= limit.toNanos() - Duration.ofMillis(50).toNanos()
                        && after <= limit.toNanos() + Duration.ofMillis(500).toNanos(),
                        "JobError " + millis(after) + " ms after the start; the limit is " + limit.toMillis() + " ms");
                JobError e = (JobError) error.event();
                JobTimeoutException timeout = assertInstanceOf(JobTimeoutException.class, e.error());
                assertEquals(limit, timeout.limit());
                assertTrue(e.buried() && !e.retryScheduled() && e.attempt() == 0, e.toString());
                Await.until(job.id() + " saw the interrupt", WAIT, () -> trace.wasInterrupted(job.id()));
            }
            // The beans return normally after the interrupt: their late result must be ignored.
            Await.holds("no AfterRun, one run, one JobError, one JobBuried each", Duration.ofSeconds(3),
                    () -> List.of(byType, byJob).stream().allMatch(j -> trace.count(j.id(), AfterRun.class) == 0
                            && trace.runs(j.id()).size() == 1 && trace.count(j.id(), JobError.class) == 1
                            && trace.count(j.id(), JobBuried.class) == 1));
            for (Job job : List.of(byType, byJob)) {
                assertTrue(log.logged(job.id(), "result is ignored"), "late result of " + job.id() + " ignored: "
                        + log.messages());
            }
            try (Broker broker = Broker.connect()) {
                takeBuried(broker, p + "-default.buried", List.of(byType.id(), byJob.id())).values().forEach(m ->
                        assertEquals(JobTimeoutException.class.getName(), header(m, "x-roger-error-class")));
                assertEquals(0, broker.messages(p + "-default"));
            }
        }

        Job quick = enqueue(p, Job.builder("rt-timed").args(Plan.sleeps(50)));
        awaitAfterRun(quick.id());
        assertEquals(0, trace.count(quick.id(), JobError.class), "a 50 ms job of the 1 s type succeeds");
        assertFalse(trace.wasInterrupted(quick.id()));
    }

    // 7
    @Test
    void buriedJobsAreListedNewestFirstAndCanBeRetriedAndDeleted() {
        String p = start("default=4");
        String buriedQueue = p + "-default.buried";
        trace.failing(true);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Job job = enqueue(p, Job.builder("rt-switch").args(Plan.failsWhileSwitchOn()));
            awaitBuried(job.id());
            ids.add(job.id());
        }
        String oldest = ids.get(0);
        String middle = ids.get(1);
        String newest = ids.get(2);

        try (Broker broker = Broker.connect()) {
            Await.until("3 in " + buriedQueue, WAIT, () -> broker.messages(buriedQueue) == 3);
            List<BuriedJob> listed = admin.buried(BuriedQuery.inQueue(p, "default")).jobs();
            assertEquals(List.of(newest, middle, oldest), listed.stream().map(BuriedJob::jobId).toList(),
                    "newest first");
            for (BuriedJob b : listed) {
                assertTrue(b.reason().startsWith("job failed: java.lang.IllegalStateException: fails on purpose: "
                        + b.jobId()), b.reason());
                assertEquals(1, b.attempts(), b.toString());
                assertEquals(Optional.of(IllegalStateException.class.getName()), b.errorClass());
                assertEquals(Optional.of("fails on purpose: " + b.jobId() + " attempt 0"), b.errorMessage());
                assertTrue(b.stack().orElseThrow().contains("Trace.perform"), b.stack().toString());
                assertTrue(b.firstFailedAt().isPresent() && b.lastFailedAt().isPresent(), b.toString());
                assertFalse(b.lastFailedAt().get().isBefore(b.firstFailedAt().get()), b.toString());
                assertEquals(nodeName(), b.node());
                Job job = b.job().orElseThrow();
                assertEquals(b.jobId(), job.id());
                assertEquals("rt-switch", job.type());
                assertEquals(Plan.failsWhileSwitchOn(), job.args(Plan.class));
            }
            BuriedQuery onePerPage = BuriedQuery.inQueue(p, "default").toBuilder().limit(1).build();
            BuriedPage first = admin.buried(onePerPage);
            BuriedPage second = admin.buried(onePerPage.toBuilder().before(first.next().orElseThrow()).build());
            BuriedPage last = admin.buried(onePerPage.toBuilder().limit(10).before(second.next().orElseThrow()).build());
            assertEquals(List.of(List.of(newest), List.of(middle), List.of(oldest)), List.of(first, second, last).stream()
                    .map(page -> page.jobs().stream().map(BuriedJob::jobId).toList()).toList(), "pages by cursor");
            assertEquals(3, first.matching());
            assertEquals(Optional.empty(), last.next(), "the last page has no next");
            Await.until("listing did not remove anything: 3 in " + buriedQueue, Duration.ofSeconds(5),
                    () -> broker.messages(buriedQueue) == 3);
            assertEquals(List.of(newest, middle, oldest),
                    buriedIds(p),
                    "listing again: same jobs, same order");
            assertEquals(List.of(), admin.buried(BuriedQuery.inQueue(p, "nosuchqueue")).jobs(),
                    "no buried queue, nothing listed");

            trace.failing(false);
            assertTrue(admin.retryBuried(p, "default", middle));
            AfterRun after = awaitAfterRun(middle);
            assertEquals(middle, after.job().id(), "the same id");
            assertEquals(0, after.job().retryCount(), "retryCount back to 0");
            assertEquals(List.of(0, 0), trace.retryCounts(middle), "ran once buried, once after the retry");
            Await.until("2 left in " + buriedQueue, WAIT, () -> broker.messages(buriedQueue) == 2);
            assertEquals(List.of(newest, oldest),
                    buriedIds(p));

            assertFalse(admin.retryBuried(p, "default", "no-such-job"));
            assertFalse(admin.deleteBuried(p, "default", "no-such-job"));
            assertTrue(admin.deleteBuried(p, "default", oldest));
            Await.until("1 left in " + buriedQueue, WAIT, () -> broker.messages(buriedQueue) == 1);
            assertEquals(List.of(newest),
                    buriedIds(p));
            assertEquals(1, admin.deleteAllBuried(p, "default"));
            Await.until(buriedQueue + " empty", WAIT, () -> broker.messages(buriedQueue) == 0);
            assertEquals(List.of(), buriedIds(p));
            assertEquals(0, admin.retryAllBuried(p, "default"));
            Await.holds("the deleted jobs never ran again", Duration.ofMillis(500),
                    () -> trace.runs(oldest).size() == 1 && trace.runs(newest).size() == 1
                            && trace.runs(middle).size() == 2);
        }
    }

    // 8
    @Test
    void anObserverThatThrowsDoesNotChangeTheOutcome() {
        String p = start("default=4");
        try (JulCapture log = JulCapture.install("dev.roger.ra.inbound.ApplicationEvents", Level.WARNING)) {
            Job job = enqueue(p, Job.builder("rt-observed").args(Plan.alwaysFails()));

            awaitBuried(job.id());
            Await.until("the observer's exception was logged", WAIT,
                    () -> log.logged("An observer of JobError for job " + job.id() + " threw"));
            Await.holds("ran once, buried once", Duration.ofSeconds(3),
                    () -> trace.runs(job.id()).size() == 1 && trace.count(job.id(), JobBuried.class) == 1);
            try (Broker broker = Broker.connect()) {
                assertEquals(1, broker.messages(p + "-default.buried"));
                assertEquals(0, broker.messages(p + "-default"), "not requeued");
                assertEquals("1", header(takeBuried(broker, p + "-default.buried", job.id()), "x-roger-attempts"));
            }
        }
    }

    // 9
    @Test
    void aJobThrowingAnErrorIsRetriedThenBuriedNeverRunningAgain() {
        String p = start("default=4");
        Job job = enqueue(p, Job.builder("rt-zero").args(Plan.alwaysFails("assertion")));

        JobBuried buried = awaitBuried(job.id());
        assertInstanceOf(AssertionError.class, buried.reason());
        assertEquals("boom", buried.reason().getMessage());
        List<JobError> errors = trace.events(job.id(), JobError.class);
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).retryScheduled() && errors.get(1).buried(), errors.toString());
        errors.forEach(e -> assertInstanceOf(AssertionError.class, e.error()));
        Await.holds("never a third run", Duration.ofSeconds(3),
                () -> trace.runs(job.id()).size() == 2 && trace.count(job.id(), JobBuried.class) == 1);
        try (Broker broker = Broker.connect()) {
            GetResponse m = takeBuried(broker, p + "-default.buried", job.id());
            assertEquals(AssertionError.class.getName(), header(m, "x-roger-error-class"));
            assertEquals("2", header(m, "x-roger-attempts"));
            assertEquals(0, broker.messages(p + "-default"));
        }
    }

    // 10
    @Test
    void buriedQueuesAreBoundedAndWhatTheyDropIsLogged() {
        Map<String, Object> deadLetter = Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", DROPPED);
        try (JulCapture log = JulCapture.install("dev.roger.ra.inbound.DroppedBuriedLog", Level.WARNING);
             Broker broker = Broker.connect()) {
            // Bounded by count: an operator's buried queue of 2, used as it is.
            String byCount = unique();
            String countQueue = byCount + "-default.buried";
            partitions.add(byCount);
            DeclaredQueues.declare(countQueue, with(deadLetter, "x-queue-type", "classic", "x-max-length", 2));
            start(byCount, "default=4");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Job job = enqueue(byCount, Job.builder("rt-plain").args(Plan.alwaysFails()));
                awaitBuried(job.id());
                ids.add(job.id());
            }
            Await.until("the 2 oldest were logged as dropped", WAIT, () -> log.logged(ids.get(0), countQueue,
                    "length bound") && log.logged(ids.get(1), countQueue, "length bound"));
            assertEquals(2, broker.messages(countQueue));
            assertEquals(List.of(ids.get(3), ids.get(2)),
                    buriedIds(byCount),
                    "the 2 newest are kept");
            assertFalse(log.logged(ids.get(2)) || log.logged(ids.get(3)), "the kept ones were not logged: "
                    + log.messages());

            // Bounded by age: an operator's buried queue keeping messages 300 ms.
            String byAge = unique();
            String ageQueue = byAge + "-default.buried";
            partitions.add(byAge);
            DeclaredQueues.declare(ageQueue, with(deadLetter, "x-queue-type", "classic", "x-message-ttl", 300));
            start(byAge, "default=4");
            Job old = enqueue(byAge, Job.builder("rt-plain").args(Plan.alwaysFails()));
            awaitBuried(old.id());
            Await.until(old.id() + " expired from " + ageQueue + " and was logged", WAIT,
                    () -> log.logged(old.id(), ageQueue, "older than") && broker.messages(ageQueue) == 0);

            // The bounds Roger declares itself: 10000 jobs, 30 days, dead-lettered to roger.buried.dropped.
            String own = start("default=4");
            String ownQueue = own + "-default.buried";
            Job one = enqueue(own, Job.builder("rt-plain").args(Plan.alwaysFails()));
            awaitBuried(one.id());
            assertTrue(DeclaredQueues.hasArguments(ownQueue, with(deadLetter, "x-queue-type", "classic",
                    "x-max-length", 10000, "x-message-ttl", 2592000000L)), ownQueue + " has Roger's bounds");
            RabbitCtl.queueArguments(ownQueue).ifPresent(args -> {
                assertTrue(args.contains("{\"x-max-length\",10000}"), args);
                assertTrue(args.contains("{\"x-message-ttl\",2592000000}"), args);
                assertTrue(args.contains("{\"x-dead-letter-routing-key\",\"roger.buried.dropped\"}"), args);
                // rabbitmqctl prints the empty string (the default exchange) as [].
                assertTrue(args.contains("{\"x-dead-letter-exchange\",\"\"}")
                        || args.contains("{\"x-dead-letter-exchange\",[]}"), args);
            });
            assertEquals(1, broker.messages(ownQueue));
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
        Map<String, Object> all = new java.util.HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            all.put((String) keyValues[i], keyValues[i + 1]);
        }
        return all;
    }
}
