package dev.roger.wildfly.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Names;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.wildfly.support.Http;
import dev.roger.wildfly.support.TestApps;
import dev.roger.wildfly.support.TestPartitions;
import dev.roger.wildfly.support.WildFly;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Roger on one WildFly 39 with the setup users do (roger-wildfly.cli, roger-ra.rar deployed, the
 * application's WEB-INF/jboss-web.xml): the server runs one adapter instance, the injected client
 * enqueues, the job's bean runs it once, lifecycle events reach the application, failures are
 * retried then buried, queue keys refuse duplicates, cancel and pause work, and a queue's worker
 * count is the number of jobs it runs at once. The tests are clients of the application's servlet.
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyNodeIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** 12 workers: more than the MDB pool WildFly derives from 2 cores (8), so the pool setting shows. */
    private static final int BLOCK_WORKERS = 12;
    private static final String P = TestPartitions.create("wf", "default", "hold", "block");

    @ArquillianResource
    URL base;

    private Http app;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApps.war("wf-node", P + "[default=4,hold=1,block=" + BLOCK_WORKERS + "]");
    }

    @BeforeEach
    void client() {
        app = new Http(base.toString() + "jobs/");
    }

    private List<String> events(String id) {
        String csv = app.ok("events", "id", id);
        return csv.isEmpty() ? List.of() : List.of(csv.split(","));
    }

    private int runs(String id) {
        return Integer.parseInt(app.ok("runs", "id", id));
    }

    private String enqueue(String type, String queue, String arg) {
        return app.ok("enqueue", "p", P, "type", type, "queue", queue, "arg", arg);
    }

    @Test
    void theServerRunsExactlyOneAdapterInstance() {
        List<String> log = WildFly.logSinceBoot(1);
        long starts = log.stream().filter(l -> l.contains("Roger started on node")).count();
        assertEquals(1, starts, "adapter starts since boot: " + log.stream().filter(l -> l.contains("Roger started")).toList());
        // What an application-defined factory (@ConnectionFactoryDefinition) would start on WildFly.
        assertTrue(log.stream().noneMatch(l -> l.contains("RaActivator")), "a second adapter instance was activated");
        try (Broker broker = Broker.connect()) {
            assertEquals(1, broker.consumers(Names.ownerQueue(P)), "one node holds the partition's state");
        }
    }

    @Test
    void anInjectedClientEnqueuesAndTheJobRunsOnceWithItsEvents() {
        String id = enqueue("wf-echo", "default", "hello");

        Await.until("after-run of " + id, WAIT, () -> events(id).contains("AfterRun"));
        assertEquals(List.of("BeforeRun", "AfterRun"), events(id));
        try (Broker broker = Broker.connect()) {
            String queue = Names.mainQueue(P, "default");
            Await.until(queue + " is empty", WAIT, () -> broker.messages(queue) == 0);
        }
        assertEquals(1, runs(id), "runs of " + id);
    }

    @Test
    void adapterPropertiesComeFromSystemProperties() {
        // -Droger.nodeName and -Droger.maxConcurrentJobs (WildFly.jvmOptions): not set there, the
        // node would be host:pid with no cap.
        assertEquals(WildFly.nodeName(1) + " dev.roger.ejb.ContainerRogerClient", app.ok("whoami"));
        assertEquals(Integer.toString(WildFly.MAX_CONCURRENT_JOBS), app.ok("cap"));
    }

    @Test
    void aFailingJobIsRetriedThenBuried() {
        String id = enqueue("wf-failing", "default", "x");

        Await.until("burial of " + id, WAIT, () -> events(id).contains("JobBuried"));
        assertEquals(3, runs(id), "attempts: the first and two retries (retryLevels 1,1)");
        assertEquals(List.of("BeforeRun", "JobError", "BeforeRun", "JobError", "BeforeRun", "JobError", "JobBuried"),
                events(id));
        try (Broker broker = Broker.connect()) {
            assertEquals(List.of(id), broker.messageIds(Names.buriedQueue(P, "default")));
        }
    }

    @Test
    void aQueueKeyRefusesASecondJobUntilTheFirstFinished() {
        String gate = "key-" + UUID.randomUUID();
        String key = "k-" + UUID.randomUUID().toString().substring(0, 8);
        String first = app.ok("enqueue", "p", P, "type", "wf-block", "queue", "hold", "key", key, "arg", gate);
        Await.until("first keyed job runs", WAIT, () -> runs(first) == 1);

        Http.Reply second = app.get("enqueue", "p", P, "type", "wf-block", "queue", "hold", "key", key, "arg", gate);
        assertEquals(409, second.status(), "a second job with a held key: " + second.body());

        app.ok("open", "gate", gate);
        Await.until("after-run of the first keyed job", WAIT, () -> events(first).contains("AfterRun"));
        String third = app.ok("enqueue", "p", P, "type", "wf-block", "queue", "hold", "key", key, "arg", gate);
        Await.until("the key is free again: the third job runs", WAIT, () -> events(third).contains("AfterRun"));
    }

    @Test
    void cancellingARunningJobInterruptsItAndItIsNotRetried() {
        String gate = "cancel-" + UUID.randomUUID(); // never opened: only the cancel ends the job
        String id = enqueue("wf-block", "hold", gate);
        Await.until("job runs", WAIT, () -> runs(id) == 1);

        app.ok("cancel", "p", P, "id", id);

        Await.until("cancel event", WAIT, () -> events(id).contains("JobCancelled(running)"));
        try (Broker broker = Broker.connect()) {
            String queue = Names.mainQueue(P, "hold");
            Await.until(queue + " is empty", WAIT, () -> broker.messages(queue) == 0);
        }
        Await.holds("the cancelled job does not run again", Duration.ofSeconds(2), () -> runs(id) <= 1);
        assertTrue(events(id).stream().noneMatch(e -> e.equals("JobError") || e.equals("JobBuried")), events(id).toString());
    }

    @Test
    void aPausedQueueHoldsItsJobsAndACancelledQueuedJobNeverRuns() {
        app.ok("pause", "p", P, "queue", "default");
        String kept;
        String cancelled;
        try {
            kept = enqueue("wf-echo", "default", "kept");
            cancelled = enqueue("wf-echo", "default", "dropped");
            app.ok("cancel", "p", P, "id", cancelled);
            Await.holds("no job runs from the paused queue", Duration.ofSeconds(2), () -> runs(kept) == 0);
        } finally {
            app.ok("resume", "p", P, "queue", "default");
        }
        Await.until("after-run of the kept job", WAIT, () -> events(kept).contains("AfterRun"));
        Await.until("the cancelled job is dropped", WAIT, () -> events(cancelled).contains("JobCancelled(queued)"));
        assertEquals(0, runs(cancelled), "runs of the cancelled job");
    }

    @Test
    void aQueueWithTwelveWorkersRunsTwelveJobsAtOnce() {
        String gate = "conc-" + UUID.randomUUID();
        for (int i = 0; i < BLOCK_WORKERS; i++) {
            enqueue("wf-block", "block", gate);
        }
        int[] peak = {0};
        try {
            Await.until(BLOCK_WORKERS + " jobs running at once (MDB pool: roger-wildfly.cli)", WAIT, () -> {
                peak[0] = Integer.parseInt(app.ok("peak", "gate", gate));
                return peak[0] == BLOCK_WORKERS;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; at most " + peak[0] + " ran at once", e);
        } finally {
            app.ok("open", "gate", gate);
        }
    }
}
