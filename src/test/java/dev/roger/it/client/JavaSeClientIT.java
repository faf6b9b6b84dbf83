package dev.roger.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import dev.roger.api.EnqueueException;
import dev.roger.api.Job;
import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerException;
import dev.roger.client.AmqpRogerClient;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.client.wire.JobCodec;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.TcpProxy;
import dev.roger.testing.TestBroker;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Java SE client against the real broker, and against a broker that is gone or hangs. */
class JavaSeClientIT {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void enqueuePublishesAPersistentSelfDescribingMessageToADurableQueue() {
        String p = unique("se");
        try (AmqpRogerClient client = AmqpRogerClient.connect(TestBroker.uri()); Broker broker = Broker.connect()) {
            assertFalse(broker.isDurable(p + "-slow", Broker.QUORUM_MAIN_QUEUE), "no queue before the first enqueue");
            Job queued = client.enqueue(p, Job.builder("report").queue("slow").args(Map.of("month", "2026-11")).build());

            assertTrue(broker.isDurable(p + "-slow", Broker.QUORUM_MAIN_QUEUE), "created as a durable quorum queue before any consumer");
            Await.until("message in " + p + "-slow", Duration.ofSeconds(10), () -> broker.messages(p + "-slow") == 1);
            GetResponse m = broker.take(p + "-slow");
            assertEquals(queued.id(), m.getProps().getMessageId());
            assertEquals(p, m.getProps().getAppId());
            assertEquals("application/json", m.getProps().getContentType());
            assertEquals(2, m.getProps().getDeliveryMode());
            Job decoded = JobCodec.decode(m.getBody());
            assertEquals(queued, decoded);
            assertEquals(Map.of("month", "2026-11"), decoded.args(Map.class));
            broker.delete(p + "-slow");
        }
    }

    @Test
    void aBatchIsPublishedWithOneConfirmAndRefusedWholeWhenOneJobIsBad() {
        String p = unique("se");
        try (AmqpRogerClient client = AmqpRogerClient.connect(TestBroker.uri()); Broker broker = Broker.connect()) {
            List<Job> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < 500; i++) {
                jobs.add(Job.builder("t").queue(i % 2 == 0 ? "even" : "odd").args(i).build());
            }
            List<Job> queued = client.enqueueAll(p, jobs);
            assertEquals(jobs.stream().map(Job::id).toList(), queued.stream().map(Job::id).toList());
            Await.until("250 + 250 messages", Duration.ofSeconds(10),
                    () -> broker.messages(p + "-even") == 250 && broker.messages(p + "-odd") == 250);

            List<Job> withBad = List.of(Job.builder("t").queue("late").build(), Job.builder("t").argsJson("{x").build());
            assertThrows(IllegalArgumentException.class, () -> client.enqueueAll(p, withBad));
            assertEquals(-1, broker.messages(p + "-late"), "nothing of the bad batch was published");
            broker.delete(p + "-even", p + "-odd");
        }
    }

    @Test
    void partitionsAreManagedOnANamedNodeAndAnUnknownNodeIsAClearError() {
        try (AmqpRogerClient client = AmqpRogerClient.connect(TestBroker.uri())) {
            assertTrue(client.admin().localNode().isEmpty(), "Java SE is no node");
            RogerException e = assertThrows(RogerException.class,
                    () -> client.admin().startPartition("no-such-node", PartitionSpec.parse("x[default=1]")));
            assertTrue(e.getMessage().startsWith("Node no-such-node did not answer 'start-partition'"), e.getMessage());
        }
    }

    @Test
    void badJobsAreRefusedBeforeAnythingIsPublished() {
        String p = unique("se");
        try (AmqpRogerClient client = AmqpRogerClient.builder().settings(AmqpSettings.ofUri(TestBroker.uri()))
                .maxJobBytes(1000).build(); Broker broker = Broker.connect()) {
            Job big = Job.builder("t").args("x".repeat(2000)).build();
            IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class, () -> client.enqueue(p, big));
            assertTrue(tooBig.getMessage().contains(big.id()) && tooBig.getMessage().contains("over the limit of 1000 bytes"),
                    tooBig.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> client.enqueue(p, Job.builder("t").argsJson("{broken").build()));
            assertThrows(IllegalArgumentException.class, () -> client.enqueue("bad partition", Job.builder("t").build()));
            assertEquals(-1, broker.messages(p + "-default"), "no queue was even created");
        }
    }

    @Test
    void anUnreachableBrokerFailsFastWithItsAddress() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String uri = "amqp://guest:guest@127.0.0.1:" + closedPort;
        RogerException e = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(RogerException.class, () -> AmqpRogerClient.connect(uri)));
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
    }

    @Test
    void enqueueThrowsWithinBoundedTimeWhenTheBrokerGoesAway() throws Exception {
        String p = unique("se");
        try (TcpProxy proxy = TcpProxy.toBroker(); AmqpRogerClient client = AmqpRogerClient.connect(proxy.uri())) {
            client.enqueue(p, Job.builder("t").build());
            proxy.cut();
            Job job = Job.builder("t").build();
            EnqueueException e = assertTimeoutPreemptively(BOUND,
                    () -> assertThrows(EnqueueException.class, () -> client.enqueue("se_gone", job)));
            assertEquals(job.id(), e.jobId());
            assertTrue(e.getMessage().contains(job.id()), e.getMessage());
        } finally {
            try (Broker broker = Broker.connect()) {
                broker.delete(p + "-default");
            }
        }
    }

    @Test
    void enqueueThrowsWithinBoundedTimeWhenTheBrokerHangs() throws Exception {
        try (TcpProxy proxy = TcpProxy.toBroker(); AmqpRogerClient client = AmqpRogerClient.builder()
                .settings(AmqpSettings.ofUri(proxy.uri())).confirmTimeout(Duration.ofSeconds(2)).build()) {
            String p = unique("se");
            client.enqueue(p, Job.builder("t").build());
            proxy.freeze();
            Job job = Job.builder("t").build();
            EnqueueException e = assertTimeoutPreemptively(BOUND,
                    () -> assertThrows(EnqueueException.class, () -> client.enqueue(p, job)));
            assertTrue(e.getMessage().contains("no publisher confirm in time"), e.getMessage());
            try (Broker broker = Broker.connect()) {
                broker.delete(p + "-default");
            }
        }
    }

    @Test
    void manyThreadsCanShareOneClient() throws Exception {
        String p = unique("se");
        try (AmqpRogerClient client = AmqpRogerClient.connect(TestBroker.uri()); Broker broker = Broker.connect()) {
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 25; i++) {
                        client.enqueue(p, Job.builder("t").args(i).build());
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread t : threads) {
                t.join();
            }
            Await.until("200 messages", Duration.ofSeconds(10), () -> broker.messages(p + "-default") == 200);
            broker.delete(p + "-default");
        }
    }
}
