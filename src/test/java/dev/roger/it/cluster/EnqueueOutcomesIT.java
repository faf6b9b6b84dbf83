package dev.roger.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.client.AmqpRogerClient;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.it.cluster.RetryingProducer.Outcome;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.Postgres;
import dev.roger.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Enqueue outcomes under connection loss, on two Payara Micro nodes running one partition with the
 * JDBC state persister. A Java SE producer enqueues jobs with ids of its own and retries every
 * failed enqueue with the same id, while the test keeps closing the producer's connection (and only
 * it) with {@code rabbitmqctl close_connection}. Every copy that runs writes its job id and the
 * enqueue attempt that published it into a table, so the test sees exactly which copies the broker
 * stored: an {@code EnqueueException} (certainly not enqueued) copy must never run, an idempotent
 * job runs exactly once, and without idempotency every extra run is explained by an
 * {@code EnqueueUncertainException}. Counts of each outcome, and what idempotency costs, are printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnqueueOutcomesIT {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String IDEMPOTENT = "eoi-" + RUN;
    private static final String PLAIN = "eop-" + RUN;
    private static final String RATE_PLAIN = "eor0-" + RUN;
    private static final String RATE_IDEMPOTENT = "eor1-" + RUN;
    private static final List<String> PARTITIONS = List.of(IDEMPOTENT, PLAIN, RATE_PLAIN, RATE_IDEMPOTENT);
    private static final List<String> NODES = List.of("node-a", "node-b");
    private static final String TABLE = "eo_runs_" + RUN;
    /** A client property only the producer's connection carries: the connection the test closes. */
    private static final String MARKER = "enqueue-outcomes-producer-" + RUN;
    private static final int CLOSES = 6;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static final ClusterNodes CLUSTER = new ClusterNodes("outcomes");
    private static AmqpRogerClient producer;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        CLUSTER.forgetStates("eo_boot");
        CLUSTER.deleteQueues("eo_boot-default", Names.ownerQueue("eo_boot"));
        for (String p : PARTITIONS) {
            CLUSTER.forgetStates(p);
            CLUSTER.deleteQueues(p + "-default", p + "-default.buried", Names.ownerQueue(p));
        }
        Postgres.execute("create table " + TABLE + " (seq bigserial primary key, node text not null,"
                + " job_id text not null, attempt int not null)");
        for (String node : NODES) {
            // One at a time: two Payara boots at once on a busy 2-core machine can miss the boot deadline.
            CLUSTER.boot(List.of(node), name -> Map.of("nodeName", name, "statePersister", "jdbc",
                    "stateDataSource", "jdbc/roger", "keyLeaseSeconds", "10"),
                    OutcomeJobBean.class, OutcomeWork.class, ClusterServlet.class);
        }
        for (String node : NODES) {
            for (String p : PARTITIONS) {
                CLUSTER.start(node, p + "[default=10]");
            }
        }
        producer = AmqpRogerClient.builder().settings(AmqpSettings.builder().uri(TestBroker.uri())
                .clientProperty("roger-test", MARKER).build()).build();
        try (Broker broker = Broker.connect()) {
            for (String p : PARTITIONS) {
                Await.until("both nodes consume " + p, WAIT, () -> broker.consumers(p + "-default") == 2);
            }
        }
        for (String p : PARTITIONS) {
            ClusterNodes.state(producer, p);
        }
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        CLUSTER.close();
        Postgres.execute("drop table if exists " + TABLE);
    }

    private static Job job(String id, int attempt, boolean idempotent, long millis) {
        return Job.builder("eo-work").id(id).args(new OutcomeWork(TABLE, attempt, millis)).idempotent(idempotent)
                .build();
    }

    @Test
    @Order(1)
    void whatIdempotencyCosts() {
        int jobs = 2000;
        Map<String, double[]> rates = new HashMap<>();
        for (String p : List.of(RATE_PLAIN, RATE_IDEMPOTENT)) {
            boolean idempotent = p.equals(RATE_IDEMPOTENT);
            List<Job> batch = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                batch.add(job(p + "-" + i, 0, idempotent, 0));
            }
            long start = System.nanoTime();
            for (int i = 0; i < jobs; i += 100) {
                producer.enqueueAll(p, batch.subList(i, i + 100));
            }
            long enqueued = System.nanoTime();
            Await.until("all " + jobs + " jobs of " + p + " ran", WAIT, () -> runs(p).size() >= jobs);
            long ran = System.nanoTime();
            Map<String, List<Integer>> runs = runs(p);
            assertEquals(jobs, runs.size());
            assertTrue(runs.values().stream().allMatch(r -> r.size() == 1), "each ran once");
            rates.put(p, new double[] {jobs * 1e9 / (enqueued - start), jobs * 1e9 / (ran - start)});
        }
        String stateBytes = Await.value("the idempotent partition's state is stored", Duration.ofSeconds(10),
                () -> ClusterNodes.stored("length(state)", RATE_IDEMPOTENT));
        System.out.printf("%n[enqueue-outcomes] %d jobs, 2 nodes x 10 workers, enqueueAll batches of 100:%n", jobs);
        System.out.printf("[enqueue-outcomes]   plain:      enqueue %6.0f jobs/s, enqueue to last run %6.0f jobs/s%n",
                rates.get(RATE_PLAIN)[0], rates.get(RATE_PLAIN)[1]);
        System.out.printf("[enqueue-outcomes]   idempotent: enqueue %6.0f jobs/s, enqueue to last run %6.0f jobs/s%n",
                rates.get(RATE_IDEMPOTENT)[0], rates.get(RATE_IDEMPOTENT)[1]);
        System.out.printf("[enqueue-outcomes]   stored state of the idempotent partition: %s bytes (%d finished ids)%n",
                stateBytes, jobs);
    }

    @Test
    @Order(2)
    void idempotentJobsRunExactlyOnceWhenTheProducerRetriesThroughClosedConnections() throws Exception {
        underClosingConnections("idempotent", IDEMPOTENT, true, (id, outcomes, ran) -> {
            assertEquals(1, ran.size(), "job " + id + " ran once: copies of attempts " + ran + " ran; outcomes "
                    + outcomes);
            assertTrue(mayHaveStored(outcomes, ran.get(0)), "the copy that ran of " + id + " (attempt " + ran.get(0)
                    + ") was one that may have been enqueued: " + outcomes);
        });
    }

    @Test
    @Order(3)
    void withoutIdempotencyOnlyUncertainEnqueuesRunAgainAndCertainlyNotEnqueuedOnesNeverRun() throws Exception {
        underClosingConnections("not idempotent", PLAIN, false, (id, outcomes, ran) -> {
            assertTrue(!ran.isEmpty(), "job " + id + " ran");
            for (int attempt : ran) {
                assertTrue(mayHaveStored(outcomes, attempt), "the copy of attempt " + attempt + " of " + id
                        + " ran, but that enqueue said it certainly was not enqueued: " + outcomes);
            }
            long uncertain = outcomes.stream().filter(o -> o == Outcome.MAYBE_ENQUEUED).count();
            assertTrue(ran.size() - 1 <= uncertain, "job " + id + " ran " + ran.size() + " times with only "
                    + uncertain + " uncertain enqueues: " + outcomes);
        });
    }

    /** A check of one job: its id, the outcome of each enqueue attempt, the attempts whose copies ran. */
    @FunctionalInterface
    private interface JobCheck {
        void check(String id, List<Outcome> outcomes, List<Integer> ran);
    }

    /** Produces under closed connections, waits until every copy ran, reports, and checks every job. */
    private static void underClosingConnections(String what, String partition, boolean idempotent, JobCheck check)
            throws InterruptedException {
        RetryingProducer result = produceWhileClosingConnections(partition, idempotent);
        Map<String, List<Integer>> runs = awaitQuiet(partition, result.confirmed());
        report(what, partition, result, runs);
        result.attempts().forEach((id, outcomes) -> check.check(id, outcomes, runs.getOrDefault(id, List.of())));
    }

    /** Whether the enqueue attempt's outcome allows its copy to be stored. */
    private static boolean mayHaveStored(List<Outcome> outcomes, int attempt) {
        return attempt < outcomes.size() && outcomes.get(attempt) != Outcome.NOT_ENQUEUED;
    }

    /**
     * Six producer threads enqueue new jobs (retrying each until confirmed) while the producer's
     * connection is closed {@value #CLOSES} times at random moments; then the started jobs are finished.
     */
    private static RetryingProducer produceWhileClosingConnections(String partition, boolean idempotent)
            throws InterruptedException {
        RetryingProducer result = new RetryingProducer(producer, partition, partition,
                (id, attempt) -> job(id, attempt, idempotent, 5));
        List<Thread> threads = result.start(6, 8_000, WAIT, Duration.ofMillis(30));
        ProducerConnections connections = new ProducerConnections(MARKER);
        int closed = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (closed < CLOSES && System.nanoTime() < deadline) {
            // Pacing of the chaos, not a wait for an outcome: let the connection recover and publish a while.
            Thread.sleep(2500 + ThreadLocalRandom.current().nextInt(1000));
            closed += connections.closeAll();
        }
        result.stopNewJobs();
        for (Thread t : threads) {
            t.join(WAIT.toMillis());
        }
        assertEquals(List.of(), result.unexpected(), "no other failures");
        assertEquals(result.attempts().keySet(), result.confirmed(), "every job was confirmed in the end");
        assertTrue(closed >= CLOSES, "the producer's connection was closed " + closed + " times");
        return result;
    }

    /**
     * Waits until every confirmed job ran, the queue is empty and no copy has run for 5 s (copies
     * stored twice, or put back while another copy ran, come later); returns the runs.
     */
    private static Map<String, List<Integer>> awaitQuiet(String partition, Set<String> confirmed) {
        Await.until("every confirmed job ran", WAIT, () -> runs(partition).keySet().containsAll(confirmed));
        long[] last = {-1, System.nanoTime()};
        try (Broker broker = Broker.connect()) {
            Await.until("no copy left to run", WAIT, () -> {
                long rows = runs(partition).values().stream().mapToLong(List::size).sum();
                if (rows != last[0] || broker.messages(partition + "-default") > 0) {
                    last[0] = rows;
                    last[1] = System.nanoTime();
                }
                return System.nanoTime() - last[1] > Duration.ofSeconds(5).toNanos();
            });
        }
        return runs(partition);
    }

    /** The enqueue attempts whose copies ran, per job id of the partition. */
    private static Map<String, List<Integer>> runs(String partition) {
        Map<String, List<Integer>> runs = new HashMap<>();
        Postgres.query("select job_id, attempt from " + TABLE + " where job_id like ? order by seq",
                rs -> runs.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getInt(2)),
                partition + "-%");
        return runs;
    }

    private static void report(String what, String partition, RetryingProducer result, Map<String, List<Integer>> runs) {
        long dropped = NODES.stream().mapToLong(n -> CLUSTER.node(n).log().lines()
                .filter(l -> l.contains("this copy is dropped") && l.contains(partition)).count()).sum();
        long uncertainThatRan = result.attempts().entrySet().stream().mapToLong(e -> runs.getOrDefault(e.getKey(),
                List.of()).stream().filter(a -> e.getValue().get(a) == Outcome.MAYBE_ENQUEUED).count()).sum();
        System.out.printf("%n[enqueue-outcomes] %s: %d jobs, %d enqueue attempts: %d confirmed, %d not enqueued "
                        + "(EnqueueException), %d may have been enqueued (EnqueueUncertainException), of which %d "
                        + "ran; %d copies ran, %d jobs ran more than once, %d duplicate copies dropped by the nodes%n",
                what, result.attempts().size(), result.attempts().values().stream().mapToInt(List::size).sum(),
                result.count(Outcome.CONFIRMED), result.count(Outcome.NOT_ENQUEUED),
                result.count(Outcome.MAYBE_ENQUEUED), uncertainThatRan,
                runs.values().stream().mapToInt(List::size).sum(),
                runs.values().stream().filter(r -> r.size() > 1).count(), dropped);
    }
}
