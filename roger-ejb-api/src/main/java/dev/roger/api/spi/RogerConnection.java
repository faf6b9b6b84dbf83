package dev.roger.api.spi;

import dev.roger.api.RogerClient;
import java.util.List;

/**
 * A handle on the resource adapter: the {@link RogerClient} operations, the admin ones, and the registration that
 * lets the adapter fire lifecycle events into an application's CDI container.
 */
public interface RogerConnection extends RogerClient, AutoCloseable {

    /** The operators' operations, on this node. */
    dev.roger.api.RogerAdmin admin();

    /**
     * Routes the lifecycle events of jobs whose bean class was loaded by {@code application}
     * (or a loader below it) to {@code sink}.
     */
    Registration registerApplication(ClassLoader application, JobEventSink sink);

    /**
     * Hands the application's OpenTelemetry to the adapter: the spans of jobs its beans run and of
     * enqueues on its threads are recorded with it. Typed {@code Object} (an
     * {@code io.opentelemetry.api.OpenTelemetry}) so that this API has no OpenTelemetry types; the
     * adapter logs a warning and ignores one it cannot use.
     */
    default Registration registerTelemetry(ClassLoader application, Object openTelemetry) {
        return () -> { };
    }

    /** How the adapter is configured to keep partitions' global state. */
    StateConfiguration stateConfiguration();

    /** How the adapter is configured for the transactional outbox ({@link OutboxConfiguration#OFF} when it is not). */
    default OutboxConfiguration outboxConfiguration() {
        return OutboxConfiguration.OFF;
    }

    /**
     * Checks and encodes jobs for the outbox exactly as an enqueue to {@code partition} would (partition
     * name, well-formed args, {@code maxJobBytes}; the queue is the job's own, else its type's on this
     * node, else {@code default}), without taking queue keys or publishing anything.
     *
     * @return one JSON job body per job, in order
     * @throws IllegalArgumentException for an invalid partition or any invalid job
     */
    List<String> encodeForOutbox(String partition, List<dev.roger.api.Job> jobs);

    /**
     * Reads back a body {@link #encodeForOutbox} wrote.
     *
     * @throws IllegalArgumentException when it is not a job Roger can run
     */
    dev.roger.api.Job decodeFromOutbox(String body);

    /**
     * Offers the application's startup singleton as the holder of the global state of the
     * partitions this node owns.
     */
    Registration registerStateHost(ClassLoader application, GlobalStateHost host);

    /**
     * This node's metrics in the Prometheus text format (version 0.0.4), as the console's
     * {@code /metrics} serves them; empty when the adapter's {@code metricsEnabled} is false.
     * A plain string, so that no application or console depends on the adapter's Micrometer.
     */
    java.util.Optional<String> scrapeMetrics();

    /** This node's liveness and readiness, with the checks behind them. */
    NodeHealth health();

    /** Returns the handle to the pool. */
    @Override
    void close();
}
