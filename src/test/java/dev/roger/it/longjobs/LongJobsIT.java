package dev.roger.it.longjobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Job;
import dev.roger.client.AmqpRogerClient;
import dev.roger.testing.Await;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.OwnRabbit;
import dev.roger.it.support.PayaraMicro;
import dev.roger.it.support.PayaraProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs that run longer than the broker's {@code consumer_timeout}, against a RabbitMQ node of the
 * test's own whose timeout is 10 s and which checks it every second (RabbitMQ's default is once a
 * minute). Without protection the broker closes the consumer's channel: the long job and the jobs
 * in progress beside it are redelivered and run again.
 */
class LongJobsIT {

    private static final String NODE = System.getProperty("roger.it.longjobs.node", "rogerlong@localhost");
    private static final int AMQP_PORT = Integer.getInteger("roger.it.longjobs.port", 5701);
    private static final int DIST_PORT = Integer.getInteger("roger.it.longjobs.distPort", 25701);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, String> ADAPTER = Map.of("brokerConsumerTimeoutSeconds",
            Long.toString(BROKER_TIMEOUT.toSeconds()));
    private static final String QUEUE = "longjobs-default";
    private static final Duration WAIT = Duration.ofSeconds(180);

    private static OwnRabbit rabbit;

    @BeforeAll
    static void startBroker() throws Exception {
        rabbit = OwnRabbit.start(NODE, AMQP_PORT, DIST_PORT,
                Map.of("consumer_timeout", Long.toString(BROKER_TIMEOUT.toMillis())),
                "[{rabbit, [{channel_tick_interval, 1000}]}].");
    }

    @AfterAll
    static void stopBroker() {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    @Test
    void aLongJobRunsOnceAndTheJobsBesideItOnItsChannelAreNotDisturbed() throws Exception {
        Path dir = runDir("beside");
        Runs runs = new Runs(dir);
        Path war = PayaraMicro.export(Deployments.war("longjobs", LongWorkBean.class, Work.class, Runs.class));
        try (PayaraProcess node = PayaraProcess.start("longjobs-beside", rabbit.uri(), ADAPTER, war);
             AmqpRogerClient client = AmqpRogerClient.connect(rabbit.uri())) {
            Job longJob = client.enqueue("longjobs", work(dir, 25_000, 25_000));
            Await.until("the long job started", WAIT, () -> !runs.of(longJob.id()).isEmpty());
            // Two workers stay free for short jobs; 30 of 1.5 s keep both busy for about 22 s, so
            // jobs are in progress on the channel whenever the broker's timeout could strike.
            List<Job> shortJobs = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                shortJobs.add(work(dir, 1_500, 1_500));
            }
            List<String> shortIds = client.enqueueAll("longjobs", shortJobs).stream().map(Job::id).toList();

            Await.until("the long job and the 30 short jobs finished", WAIT, () -> finished(runs, longJob.id())
                    && shortIds.stream().allMatch(id -> finished(runs, id)));
            Await.until(QUEUE + " has no job left, ready or unacknowledged", WAIT, () -> drained(QUEUE));

            List<Runs.Run> longRuns = runs.of(longJob.id());
            assertEquals(1, longRuns.size(), "the long job ran exactly once: " + longRuns);
            Runs.Run run = longRuns.get(0);
            assertTrue(run.stop() - run.start() >= 25_000_000L - 100_000L, "it ran its full 25 s, well past the "
                    + "broker's timeout of " + BROKER_TIMEOUT.toSeconds() + " s: " + run);
            for (String id : shortIds) {
                assertEquals(1, runs.of(id).size(), "short job " + id + " ran exactly once: " + runs.of(id));
            }
            assertTrue(Runs.mostAtOnce(runs.all()) <= 3, "never more jobs at once than the queue's 3 workers: "
                    + Runs.mostAtOnce(runs.all()));
            assertEquals(0, heldCopies(), "no copy of the long job is left held");
            String log = node.log();
            assertFalse(log.contains("Channel of " + QUEUE + " closed"), "the consumer's channel was never closed");
            assertFalse(log.contains("Could not ack"), "every ack reached the broker");
            assertFalse(rabbit.log().contains("timed out waiting for delivery acknowledgement"),
                    "the broker never timed out a delivery");
        }
    }

    @Test
    void aDetachedLongJobRunsAgainAfterItsNodeIsKilled() throws Exception {
        Path dir = runDir("killed");
        Runs runs = new Runs(dir);
        Path war = PayaraMicro.export(Deployments.war("longjobs", LongWorkBean.class, Work.class, Runs.class));
        try (AmqpRogerClient client = AmqpRogerClient.connect(rabbit.uri())) {
            Job job;
            try (PayaraProcess node = PayaraProcess.start("longjobs-killed", rabbit.uri(), ADAPTER, war)) {
                // Its run after the kill is long too: detached on the restarted node while the dead
                // node's queue of held copies still exists, a copy must reach only its own node's.
                job = client.enqueue("longjobs", work(dir, 120_000, 25_000));
                Await.until("the job started", WAIT, () -> !runs.of(job.id()).isEmpty());
                // Past half the broker's timeout a copy of the job is held and it no longer holds a
                // delivery of its queue. In that order: a quorum queue's counts lag a few seconds.
                Await.until("a copy of the running job is held", WAIT, () -> heldCopies() >= 1);
                Await.until("the running job holds no delivery of " + QUEUE, WAIT, () -> drained(QUEUE));
                assertEquals(1, heldCopies(), "one copy held, in this node's queue only");
                assertEquals(-1, runs.of(job.id()).get(0).stop(), "still running");
                node.kill();
            }
            assertEquals(1, runs.of(job.id()).size(), "one run before the kill: " + runs.of(job.id()));

            try (PayaraProcess restarted = PayaraProcess.start("longjobs-restarted", rabbit.uri(), ADAPTER, war)) {
                Await.until("the job ran again and finished", WAIT, () -> finished(runs, job.id()));
                Await.until(QUEUE + " has no job left", WAIT, () -> drained(QUEUE));
                assertEquals(2, runs.of(job.id()).size(), "killed once, run again once: " + runs.of(job.id()));
                assertEquals(0, heldCopies(), "no copy is left held");
            }
        }
    }

    @Test
    void aNodeNotToldTheBrokersTimeoutLearnsItFromTheFirstChannelTheBrokerCloses() throws Exception {
        Path dir = runDir("learns");
        Runs runs = new Runs(dir);
        Path war = PayaraMicro.export(Deployments.war("longjobs", LongWorkBean.class, Work.class, Runs.class));
        String warning = "RabbitMQ closed a consumer channel because a delivery stayed unacknowledged for "
                + BROKER_TIMEOUT.toMillis() + " ms";
        // No brokerConsumerTimeoutSeconds: the node assumes RabbitMQ's default of 30 minutes.
        try (PayaraProcess node = PayaraProcess.start("longjobs-learns", rabbit.uri(), Map.of(), war);
             AmqpRogerClient client = AmqpRogerClient.connect(rabbit.uri())) {
            Job first = client.enqueue("longjobs", work(dir, 16_000, 16_000));
            Await.until("the node warns of the broker's timeout", WAIT, () -> node.log().contains(warning));
            assertTrue(node.log().contains("Set the adapter property brokerConsumerTimeoutSeconds to "
                    + BROKER_TIMEOUT.toSeconds()), "the warning says what to configure");

            Job second = client.enqueue("longjobs", work(dir, 16_000, 16_000));
            Await.until("both jobs finished", WAIT, () -> finished(runs, first.id()) && finished(runs, second.id()));
            Await.until(QUEUE + " has no job left", WAIT, () -> drained(QUEUE));
            assertEquals(1, runs.of(second.id()).size(), "the job enqueued after the warning ran once: "
                    + runs.of(second.id()));
            String log = node.log();
            assertEquals(1, occurrences(log, warning), "one warning");
            assertEquals(1, occurrences(log, "Channel of " + QUEUE + " closed"),
                    "the channel closed only once, over the first job");
        }
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static Job work(Path dir, long millis, long rerunMillis) {
        return Job.builder("long-jobs-work").args(new Work(dir.toString(), millis, rerunMillis)).build();
    }

    private static boolean finished(Runs runs, String jobId) {
        return runs.of(jobId).stream().anyMatch(r -> r.stop() >= 0);
    }

    /** Messages, ready or not, in the nodes' (classic) queues of held copies ({@code roger.held.*}). */
    private static long heldCopies() {
        try {
            return rabbit.queues().entrySet().stream().filter(e -> e.getKey().startsWith("roger.held."))
                    .mapToLong(e -> e.getValue()[0] + e.getValue()[1]).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean drained(String queue) {
        try {
            long[] m = rabbit.messages(queue);
            return m != null && m[0] == 0 && m[1] == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** An empty directory the nodes can write to (they run as this user). */
    private static Path runDir(String name) throws IOException {
        Path dir = PayaraMicro.dir().resolve("longjobs-" + name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
