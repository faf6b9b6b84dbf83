package dev.roger.it.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.api.RogerClient;
import dev.roger.api.event.AfterRun;
import dev.roger.api.event.BeforeRun;
import dev.roger.api.event.JobBuried;
import dev.roger.api.event.JobError;
import dev.roger.api.event.JobEvent;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.RabbitCtl;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The foundation end to end on Payara Micro and RabbitMQ: {@code @Inject RogerClient} enqueues,
 * the bean of the job's type runs it once on a WorkManager thread with its arguments decoded,
 * lifecycle events reach the application, failures are buried, concurrency is bounded per queue.
 * Its WAR carries the WildFly descriptors (WEB-INF/jboss-web.xml mapping the application's
 * connection factory to the adapter's JNDI name on WildFly, WEB-INF/jboss-ejb3.xml binding the
 * beans to roger-ra.rar), which Payara must ignore: with the mapping in web.xml instead, the
 * deployment fails here (JNDI lookup of java:/roger/ConnectionFactory).
 */
@ExtendWith(ArquillianExtension.class)
class DeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** rabbitmqctl takes seconds per call on a loaded machine: room for several. */
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("delivery", Collector.class, Greeting.class, Order.class, RecordJobBean.class,
                PojoJobBean.class, MapListJobBean.class, OtherQueueJobBean.class, FailingJobBean.class,
                SlowJobBean.class, SlowJobBean.Work.class, Collector.Run.class)
                .addClass(RabbitCtl.class)
                // One application for every server: the descriptors a WAR carries for WildFly
                // (docs/servers/wildfly.md) must change nothing here, so this WAR has them.
                .addAsWebInfResource("wildfly/jboss-web.xml", "jboss-web.xml")
                .addAsWebInfResource("wildfly/jboss-ejb3.xml", "jboss-ejb3.xml");
    }

    @Inject
    RogerClient roger;

    @Inject
    Collector collector;

    private Collector.Run onlyRun(String jobId) {
        Await.until("job " + jobId + " ran", WAIT, () -> !collector.runs(jobId).isEmpty());
        return collector.runs(jobId).get(0);
    }

    private void assertRanOnce(String jobId) {
        awaitSettled(List.of(onlyRun(jobId).job()));
        assertEquals(1, collector.runs(jobId).size(), "runs of " + jobId);
    }

    /**
     * Waits until no job of {@code jobs} can run again: each one's after-run event (fired once its
     * delivery is acked) arrived, and, where rabbitmqctl tells, their queues hold no message, ready
     * or unacknowledged. Only then is a count of runs final.
     */
    private void awaitSettled(List<Job> jobs) {
        for (Job job : jobs) {
            Await.until("after-run of " + job.id(), WAIT,
                    () -> collector.events(job.id()).stream().anyMatch(AfterRun.class::isInstance));
        }
        jobs.stream().map(j -> Names.mainQueue(j.partition().orElseThrow(), j.queue().orElse(Names.DEFAULT_QUEUE)))
                .distinct().forEach(q -> Await.until(q + " holds no message", SETTLE,
                        () -> RabbitCtl.queueMessages(q).map(n -> n == 0).orElse(true)));
    }

    @Test
    void recordArgsRunOnceOnAWorkManagerThread() {
        Job queued = roger.enqueue("deliv", Job.builder("record-job").args(new Greeting("ann", 3)).build());

        Collector.Run run = onlyRun(queued.id());
        assertEquals(new Greeting("ann", 3), run.args());
        assertEquals("RecordJobBean", run.bean());
        assertTrue(run.thread().contains("thread-pool"), "ran on " + run.thread());
        assertNotEquals(Thread.currentThread().getName(), run.thread());
        assertEquals("deliv", run.job().partition().orElseThrow());
        assertEquals("default", run.job().queue().orElseThrow());
        assertTrue(queued.queuedAt().isPresent());
        assertTrue(run.job().startedAt().isPresent());
        assertRanOnce(queued.id());
    }

    @Test
    void aBatchEnqueuedInOneCallRunsEachJobOnce() {
        List<Job> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(Job.builder("record-job").args(new Greeting("n" + i, i)).build());
        }
        List<Job> queued = roger.enqueueAll("deliv", batch);
        awaitSettled(queued.stream().map(job -> onlyRun(job.id()).job()).toList());
        assertTrue(queued.stream().allMatch(j -> collector.runs(j.id()).size() == 1), "each ran exactly once");
    }

    @Test
    void pojoMapAndListArgsAreDecoded() {
        Order order = new Order();
        order.setNumber("A-17");
        order.setItems(List.of("tea", "milk"));
        Job pojo = roger.enqueue("deliv", Job.builder(PojoJobBean.class).args(order).build());
        List<Map<String, Object>> rows = List.of(Map.of("k", "v"), Map.of("n", 2));
        Job mapList = roger.enqueue("deliv", Job.builder("map-list-job").args(rows).build());

        Order seen = (Order) onlyRun(pojo.id()).args();
        assertEquals("A-17", seen.getNumber());
        assertEquals(List.of("tea", "milk"), seen.getItems());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> seenRows = (List<Map<String, Object>>) onlyRun(mapList.id()).args();
        assertEquals(2, seenRows.size());
        assertEquals("v", seenRows.get(0).get("k"));
        assertEquals(2, ((Number) seenRows.get(1).get("n")).intValue());
        assertEquals("MapListJobBean", onlyRun(mapList.id()).bean());
    }

    @Test
    void jobsGoToTheirTypesQueueUnlessTheyNameOne() {
        Job byType = roger.enqueue("deliv", Job.builder("other-job").args("x").build());
        Job named = roger.enqueue("deliv", Job.builder("pojo-job").queue("other").args(new Order()).build());
        Job plain = roger.enqueue("deliv", Job.builder("pojo-job").args(new Order()).build());

        assertEquals("other", onlyRun(byType.id()).job().queue().orElseThrow());
        assertEquals("OtherQueueJobBean", onlyRun(byType.id()).bean());
        assertEquals("other", onlyRun(named.id()).job().queue().orElseThrow());
        assertEquals("default", onlyRun(plain.id()).job().queue().orElseThrow());
    }

    @Test
    void activationConfigCreatesDurableQueuesWithOneConsumerEachWhosePrefetchIsTheWorkerCount() {
        Map<String, Integer> workers = Map.of("deliv-default", 10, "deliv-other", 5, "conc-default", 4);
        try (Broker broker = Broker.connect()) {
            workers.forEach((q, n) -> {
                Await.until(q + " has one consumer", WAIT, () -> broker.consumers(q) == 1);
                assertTrue(broker.isDurable(q, Broker.QUORUM_MAIN_QUEUE), q + " is a durable quorum queue with a dead-letter target");
                // Where rabbitmqctl is at hand, read the prefetch itself; the concurrency test below
                // checks its effect on any broker.
                Broker.prefetchCounts(q).ifPresent(p -> assertEquals(List.of(n), p, "prefetch of " + q));
            });
        }
    }

    @Test
    void lifecycleEventsReachTheApplication() {
        Job job = roger.enqueue("deliv", Job.builder("record-job").args(new Greeting("bo", 1)).build());

        Await.until("after-run of " + job.id(), WAIT,
                () -> collector.events(job.id()).stream().anyMatch(e -> e instanceof AfterRun));
        List<JobEvent> events = collector.events(job.id());
        assertEquals(2, events.size(), "events " + events);
        BeforeRun before = assertInstanceOf(BeforeRun.class, events.get(0));
        AfterRun after = assertInstanceOf(AfterRun.class, events.get(1));
        assertEquals("deliv", before.partition());
        assertTrue(after.duration().toNanos() > 0);
    }

    @Test
    void aFailingJobFiresErrorAndIsBuriedWithTheError() {
        Job job = roger.enqueue("deliv", Job.builder("failing-job").args(List.of(1, 2)).build());

        Await.until("buried event of " + job.id(), WAIT,
                () -> collector.events(job.id()).stream().anyMatch(e -> e instanceof JobBuried));
        JobError error = collector.events(job.id()).stream().filter(JobError.class::isInstance)
                .map(JobError.class::cast).findFirst().orElseThrow();
        assertInstanceOf(IllegalStateException.class, error.error());
        assertEquals("boom " + job.id(), error.error().getMessage());
        assertTrue(error.buried());
        assertTrue(collector.events(job.id()).stream().noneMatch(AfterRun.class::isInstance));

        try (Broker broker = Broker.connect()) {
            List<GetResponse> buried = new ArrayList<>();
            Await.until("job " + job.id() + " in deliv-default.buried", WAIT, () -> {
                buried.addAll(broker.drain("deliv-default.buried"));
                return buried.stream().anyMatch(r -> job.id().equals(r.getProps().getMessageId()));
            });
            GetResponse mine = buried.stream().filter(r -> job.id().equals(r.getProps().getMessageId()))
                    .findFirst().orElseThrow();
            Map<String, Object> headers = mine.getProps().getHeaders();
            assertTrue(headers.get("x-roger-reason").toString().contains("boom " + job.id()), headers.toString());
            assertEquals(IllegalStateException.class.getName(), headers.get("x-roger-error-class").toString());
            assertTrue(headers.get("x-roger-stack").toString().contains("FailingJobBean.onJob"));
            assertEquals(1, ((Number) headers.get("x-roger-attempts")).intValue());
            String body = new String(mine.getBody(), StandardCharsets.UTF_8);
            assertTrue(body.contains("\"type\":\"failing-job\"") && body.contains("[1,2]"), body);
        }
        assertEquals(1, collector.runs(job.id()).size());
    }

    @Test
    void concurrencyPerQueueReachesButNeverExceedsTheWorkerCount() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ids.add(roger.enqueue("conc", Job.builder("slow-job").args(new SlowJobBean.Work(300, null)).build()).id());
        }
        Await.until("16 slow jobs ran", Duration.ofSeconds(30),
                () -> ids.stream().allMatch(id -> !collector.runs(id).isEmpty()));
        assertEquals(4, collector.peak("conc-default"), "peak jobs running at once in conc-default (4 workers)");
    }

    @Test
    void aBusyPartitionDoesNotHoldUpAnother() {
        String gate = "hold-" + System.nanoTime();
        Job blocker = roger.enqueue("iso_a", Job.builder("slow-job").args(new SlowJobBean.Work(0, gate)).build());
        Await.until("blocker started", WAIT, () -> collector.peak("iso_a-default") == 1);
        Job waiting = roger.enqueue("iso_a", Job.builder("slow-job").args(new SlowJobBean.Work(1, null)).build());
        Job other = roger.enqueue("iso_b", Job.builder("slow-job").args(new SlowJobBean.Work(1, null)).build());

        onlyRun(other.id());
        assertTrue(collector.runs(waiting.id()).isEmpty(), "iso_a has one worker, busy with the blocker");
        collector.gate(gate).countDown();
        onlyRun(blocker.id());
        onlyRun(waiting.id());
    }
}
