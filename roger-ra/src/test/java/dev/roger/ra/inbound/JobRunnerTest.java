package dev.roger.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import dev.roger.api.StateUnavailableException;
import dev.roger.api.event.JobCancelled;
import dev.roger.api.event.JobError;
import dev.roger.api.event.JobEvent;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.client.amqp.QueueType;
import dev.roger.client.wire.JobCodec;
import dev.roger.client.wire.JobMessages;
import dev.roger.state.StateReply;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job runner's decisions, over a recording fake channel: what it publishes and acks, in what
 * order, and which events fire. The real broker paths are covered by the integration tests; these
 * are the cases they cannot reach cheaply (a delivery count from repeated node deaths).
 */
class JobRunnerTest {

    /** The bean's class: retryable with one level of 1 s; the endpoint proxy fails while {@code failing}. */
    @RogerJob(type = "unit", retryable = true, retryLevels = "1")
    static final class UnitBean {
    }

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<JobEvent> events = new CopyOnWriteArrayList<>();
    private final Timer timer = new Timer(true);
    private volatile boolean failing;
    private volatile int runs;
    private volatile boolean ownerAway;
    private volatile boolean startFails;
    private volatile Runnable duringBean = () -> { };
    private final RunGate gate = new RunGate();

    @AfterEach
    void stopTimer() {
        timer.cancel();
    }

    @Test
    void aJobDeliveredTooOftenWithoutAnAckCountsAsAFailedAttemptWithoutRunning() {
        runner().run(delivery(Job.builder("unit").build(), Map.of("x-delivery-count", 6)));

        assertEquals(0, runs, "the bean must not run a sixth time");
        assertEquals(List.of("publish p-q.retry.1", "ack"), settled(), "a retry is scheduled, then the delivery acked");
        JobError error = (JobError) events.get(0);
        assertTrue(error.retryScheduled());
        assertTrue(error.error().getMessage().contains("delivered 7 times without finishing"), error.error().getMessage());
    }

    /**
     * RabbitMQ 4.3's consumer timeout cancels the consumer of a quorum queue and gives its deliveries
     * out again: one that had not started must not run here, nor be copied back (a second copy).
     */
    @Test
    void aJobWhoseConsumerTheBrokerCancelledBeforeItStartedNeitherRunsNorIsCopiedBack() throws Exception {
        Job job = Job.builder("unit").build();
        QueueConsumer consumer = QueueConsumer.start(channel(), "p-q", "p", "q", 1, null);
        consumer.handleCancel("tag");
        runner().run(new Delivery(consumer, 1, JobMessages.properties("p", job, Map.of()), JobCodec.encode(job), false));

        assertEquals(0, runs, "the job did not run");
        assertEquals(List.of(), settled(), "no copy, no ack, no nack: the broker has the message back");
    }

    @Test
    void theOwnerBeingAwayPutsAKeyedJobBackAndNeverCancelsOrRunsIt() throws Exception {
        ownerAway = true;
        runner().run(delivery(Job.builder("unit").executionKey("k").build(), Map.of()));

        assertEquals(0, runs);
        assertTrue(events.stream().noneMatch(JobCancelled.class::isInstance));
        // The put-back is a republish to the tail and an ack, not a requeueing nack (delivery limits).
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (settled().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("publish p-q", "ack"), settled());
    }

    @Test
    void aFailedRetryableJobIsRepublishedToItsRetryLevelBeforeTheAck() {
        failing = true;
        runner().run(delivery(Job.builder("unit").build(), Map.of()));

        assertEquals(1, runs);
        assertEquals(List.of("publish p-q.retry.1", "ack"), settled());
        assertEquals(1, events.stream().filter(JobError.class::isInstance).count());
        JobError error = (JobError) events.stream().filter(JobError.class::isInstance).findFirst().orElseThrow();
        assertEquals(0, error.attempt());
        assertTrue(error.retryScheduled());
        assertFalse(error.buried());
    }

    @Test
    void aJobOutOfRetryLevelsIsBuriedWithItsAttemptCount() {
        failing = true;
        runner().run(delivery(Job.builder("unit").retryCount(1).build(), Map.of()));

        assertEquals(List.of("publish p-q.buried", "ack"), settled(), "levels used up after the second attempt");
        assertEquals(List.of(dev.roger.api.event.BeforeRun.class, JobError.class, dev.roger.api.event.JobBuried.class),
                events.stream().map(Object::getClass).toList());
        JobError error = (JobError) events.get(1);
        assertEquals(1, error.attempt());
        assertTrue(error.buried());
        assertInstanceOf(IllegalStateException.class, error.error());
    }

    @Test
    void anUnexpectedThrowableInRogerStillSettlesTheDeliveryOnce() {
        startFails = true;
        Delivery delivery = delivery(Job.builder("unit").build(), Map.of());
        JobRunner runner = runner();
        new JobWork(delivery, runner, null).run();

        assertEquals(0, runs);
        assertEquals(List.of("publish p-q.buried", "ack"), settled(), "buried with the error, then acked");
    }

    @Test
    void noJobStartsOnceTheShutdownBeganAndItGoesBackToTheTailWithoutCounting() {
        gate.close();
        runner().run(delivery(Job.builder("unit").build(), Map.of("x-delivery-count", 2)));

        assertEquals(0, runs);
        assertEquals(List.of("publish p-q", "ack"), settled());
        assertTrue(events.isEmpty(), "no event: the job did not run and did not fail");
    }

    @Test
    void aJobThatFailsBecauseItsBeanIsBeingUndeployedIsPutBackNotRetried() {
        failing = true;
        duringBean = () -> gate.closeBean(UnitBean.class);
        runner().run(delivery(Job.builder("unit").build(), Map.of()));

        assertEquals(1, runs);
        assertEquals(List.of("publish p-q", "ack"), settled(), "back to its own queue, not a retry queue");
        assertTrue(events.stream().noneMatch(JobError.class::isInstance), "not a failed attempt");
    }

    @Test
    void aDeliveryIsSettledOnceWhoeverTriesTwice() {
        Delivery delivery = delivery(Job.builder("unit").build(), Map.of());
        Settler settler = new Settler(null, null, null, timer, Runnable::run);
        settler.ack(delivery);
        settler.putBack(delivery, Duration.ZERO, "second (test)");
        settler.ack(delivery);

        assertEquals(List.of("ack"), settled());
    }

    @Test
    void copiesDoNotCarryTheBrokersDeliveryCount() {
        Delivery delivery = delivery(Job.builder("unit").build(), Map.of("x-delivery-count", 4, "mine", "kept"));
        Map<String, Object> copied = Settler.copyProperties(delivery).getHeaders();
        assertFalse(copied.containsKey("x-delivery-count"));
        assertEquals("kept", copied.get("mine"));
    }

    @Test
    void aRetryCountBeyondTheLevelsIsBadInput() {
        runner().run(delivery(Job.builder("unit").retryCount(50).build(), Map.of()));

        assertEquals(0, runs);
        assertEquals(List.of("publish p-q.buried", "ack"), settled());
    }

    @Test
    void aDeliveryStuckPastItsBoundIsNamedOnceWithItsStage() throws Exception {
        Settler settler = new Settler(null, null, null, timer, Runnable::run);
        Delivery delivery = delivery(Job.builder("unit").id("stuck1").build(), Map.of());
        delivery.jobId("stuck1");
        settler.track(delivery);
        delivery.stage("running in bean x");
        List<String> warnings = new CopyOnWriteArrayList<>();
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(StuckDeliveryWatch.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                warnings.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try {
            StuckDeliveryWatch watch = new StuckDeliveryWatch(settler, Duration.ofMillis(1), Duration.ofMillis(1));
            delivery.limit(Duration.ofSeconds(60));
            watch.check();
            assertTrue(warnings.isEmpty(), "a running job within its limit is not stuck: " + warnings);
            delivery.stage("publishing the put-back copy");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (warnings.isEmpty() && System.nanoTime() < deadline) {
                watch.check();
                Thread.sleep(5);
            }
            watch.check();
            assertEquals(1, warnings.size(), "named once: " + warnings);
            assertTrue(warnings.get(0).contains("stuck1") && warnings.get(0).contains("publishing the put-back copy"),
                    warnings.get(0));
            settler.ack(delivery);
            assertTrue(settler.unsettled().isEmpty(), "a settled delivery is no longer watched");
        } finally {
            jul.removeHandler(handler);
        }
    }

    /** Publishes and settlements, in order, without declares and the like. */
    private List<String> settled() {
        return calls.stream().filter(c -> c.startsWith("publish") || c.equals("ack") || c.equals("reject")).toList();
    }

    private Delivery delivery(Job job, Map<String, Object> headers) {
        Channel channel = channel();
        QueueConsumer consumer;
        try {
            consumer = QueueConsumer.start(channel, "p-q", "p", "q", 1, null);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        AMQP.BasicProperties props = JobMessages.properties("p", job, headers);
        // A message with a delivery count was given out before: the broker marks it redelivered.
        return new Delivery(consumer, 1, props, JobCodec.encode(job), headers.containsKey("x-delivery-count"));
    }

    private JobRunner runner() {
        Channel channel = channel();
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, a) -> switch (m.getName()) {
                    case "createChannel" -> channel;
                    case "isOpen" -> true;
                    default -> null;
                });
        ConfirmPublisher publisher = new ConfirmPublisher(() -> connection, Duration.ofSeconds(1));
        QueueDeclarer declarer = new QueueDeclarer(publisher, QueueType.QUORUM, 10);
        ApplicationEvents appEvents = new ApplicationEvents();
        appEvents.register(UnitBean.class.getClassLoader(), events::add);
        EndpointRegistry endpoints = new EndpointRegistry();
        endpoints.add(factory(), ActivationConfig.resolve(null, "q", null, UnitBean.class, "default", 1));
        Settler settler = new Settler(publisher, new Retrier(publisher, declarer, "n"),
                new Burier(publisher, declarer, "n", "roger.buried.log"), timer, Runnable::run);
        FailureHandler failures = new FailureHandler(settler, coordination(), appEvents, RetrySchedule.DEFAULT);
        return new JobRunner(endpoints, appEvents, failures, settler, gate, Duration.ZERO, () -> Instant.EPOCH, "n",
                coordination(), timer, Runnable::run, 1 << 20, RetrySchedule.DEFAULT,
                new LongJobGuard(() -> connection, publisher, "n", Duration.ZERO, Duration.ofSeconds(1)),
                new dev.roger.ra.tracing.ApplicationTelemetry(true));
    }

    /** A channel that records publishes (by routing key) and settlements and answers the rest plainly. */
    private Channel channel() {
        return (Channel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Channel.class},
                (p, m, a) -> switch (m.getName()) {
                    case "basicPublish" -> {
                        calls.add("publish " + a[1]);
                        yield null;
                    }
                    case "basicAck" -> {
                        calls.add("ack");
                        yield null;
                    }
                    case "basicReject", "basicNack" -> {
                        calls.add("reject");
                        yield null;
                    }
                    case "isOpen", "waitForConfirms" -> true;
                    case "getNextPublishSeqNo" -> 1L;
                    case "basicConsume" -> "tag";
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> null;
                });
    }

    private MessageEndpointFactory factory() {
        return (MessageEndpointFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageEndpointFactory.class}, (p, m, a) -> switch (m.getName()) {
                    case "getEndpointClass" -> UnitBean.class;
                    case "createEndpoint" -> endpoint();
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> null;
                });
    }

    private Object endpoint() {
        return Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageEndpoint.class, RogerJobListener.class}, (p, m, a) -> {
                    if (m.getName().equals("onJob")) {
                        runs++;
                        duringBean.run();
                        if (failing) {
                            throw new IllegalStateException("failing on purpose");
                        }
                    }
                    return null;
                });
    }

    private Coordination coordination() {
        return new Coordination() {
            @Override
            public boolean cancelledLocally(String partition, String jobId) {
                return false;
            }

            @Override
            public StateReply.Status consumeCancel(String partition, String jobId) {
                return StateReply.Status.NONE;
            }

            @Override
            public StateReply.Status beginRun(String partition, Job job) {
                return StateReply.Status.GRANTED;
            }

            @Override
            public void abandonRun(String partition, Job job) {
            }

            @Override
            public boolean acquireExecutionKey(String partition, Job job) {
                if (ownerAway) {
                    throw new StateUnavailableException("owner away (test)");
                }
                return true;
            }

            @Override
            public void putWaiting(String partition, Job job, byte[] body) {
                calls.add("waiting");
            }

            @Override
            public void release(String partition, Job job) {
            }

            @Override
            public void releaseExecutionKey(String partition, Job job) {
            }

            @Override
            public void started(RunningJob job) {
                if (startFails) {
                    throw new AssertionError("a bug in Roger (test)");
                }
            }

            @Override
            public void ended(RunningJob job) {
            }
        };
    }
}
