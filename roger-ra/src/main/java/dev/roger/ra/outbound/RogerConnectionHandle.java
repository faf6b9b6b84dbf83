package dev.roger.ra.outbound;

import dev.roger.api.BuriedJob;
import dev.roger.api.ControlResult;
import dev.roger.api.GlobalStateInfo;
import dev.roger.api.Job;
import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerException;
import dev.roger.api.spi.GlobalStateHost;
import dev.roger.api.spi.Registration;
import dev.roger.api.spi.JobEventSink;
import dev.roger.api.spi.RogerConnection;
import dev.roger.ra.engine.RogerEngine;
import dev.roger.api.spi.OutboxConfiguration;
import dev.roger.api.spi.StateConfiguration;
import java.util.List;

/** The handle an application holds between {@code getConnection()} and {@code close()}. */
public final class RogerConnectionHandle implements RogerConnection {

    private final RogerEngine engine;
    private volatile RogerManagedConnection owner;

    RogerConnectionHandle(RogerManagedConnection owner, RogerEngine engine) {
        this.owner = owner;
        this.engine = engine;
    }

    void associate(RogerManagedConnection newOwner) {
        this.owner = newOwner;
    }

    void invalidate() {
        this.owner = null;
    }

    private RogerEngine engine() {
        if (owner == null) {
            throw new RogerException("This Roger connection is closed");
        }
        return engine;
    }

    @Override
    public Job enqueue(String partition, Job job) {
        return engine().enqueue(partition, job);
    }

    @Override
    public List<Job> enqueueAll(String partition, List<Job> jobs) {
        return engine().enqueueAll(partition, jobs);
    }

    @Override
    public ControlResult cancel(String partition, String jobId) {
        return engine().cluster().cancel(partition, jobId);
    }

    @Override
    public ControlResult cancel(String partition, Job job) {
        return engine().cluster().cancel(partition, job.id(), job.runAt().orElse(null));
    }

    @Override
    public RogerAdmin admin() {
        return engine().admin();
    }

    @Override
    public StateConfiguration stateConfiguration() {
        return engine().settings().state();
    }

    @Override
    public OutboxConfiguration outboxConfiguration() {
        return engine().settings().outbox();
    }

    @Override
    public List<String> encodeForOutbox(String partition, List<Job> jobs) {
        return engine().encodeForOutbox(partition, jobs);
    }

    @Override
    public Job decodeFromOutbox(String body) {
        return engine().decodeFromOutbox(body);
    }

    @Override
    public Registration registerStateHost(ClassLoader application, GlobalStateHost host) {
        RogerEngine engine = engine();
        engine.registerStateHost(application, host);
        return () -> engine.unregisterStateHost(application);
    }

    @Override
    public Registration registerApplication(ClassLoader application, JobEventSink sink) {
        RogerEngine engine = engine();
        engine.registerApplication(application, sink);
        return () -> engine.unregisterApplication(application);
    }

    @Override
    public Registration registerTelemetry(ClassLoader application, Object openTelemetry) {
        RogerEngine engine = engine();
        if (!engine.registerTelemetry(application, openTelemetry)) {
            return () -> { };
        }
        return () -> engine.unregisterTelemetry(application);
    }

    @Override
    public java.util.Optional<String> scrapeMetrics() {
        return engine().metrics().scrape();
    }

    @Override
    public dev.roger.api.spi.NodeHealth health() {
        return engine().health();
    }

    @Override
    public void close() {
        RogerManagedConnection o = owner;
        if (o != null) {
            owner = null;
            o.closed(this);
        }
    }
}
