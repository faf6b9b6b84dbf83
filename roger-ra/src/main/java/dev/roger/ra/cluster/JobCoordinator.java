package dev.roger.ra.cluster;

import dev.roger.api.Job;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.client.cluster.ClusterCalls;
import dev.roger.client.wire.JobMessages;
import dev.roger.ra.inbound.Coordination;
import dev.roger.ra.inbound.RunningJob;
import dev.roger.state.StateReply;
import dev.roger.state.StateRequest;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** {@link Coordination} on the cluster: local replicas first, the partition's owner when keys are involved. */
final class JobCoordinator implements Coordination {

    private final ClusterCalls calls;
    private final StateReplicas replicas;
    private final RunningJobs running;
    private final KeyReleases releases;
    private final ConfirmPublisher publisher;
    private final QueueDeclarer declarer;
    private final BrokerNames names;
    private final String node;

    JobCoordinator(ClusterCalls calls, StateReplicas replicas, RunningJobs running, KeyReleases releases,
                   ConfirmPublisher publisher, QueueDeclarer declarer, BrokerNames names, String node) {
        this.calls = calls;
        this.replicas = replicas;
        this.running = running;
        this.releases = releases;
        this.publisher = publisher;
        this.declarer = declarer;
        this.names = names;
        this.node = node;
    }

    @Override
    public boolean cancelledLocally(String partition, String jobId) {
        return replicas.cancelled(partition, jobId);
    }

    @Override
    public StateReply.Status consumeCancel(String partition, String jobId) {
        return calls.ask(partition, StateRequest.consumeCancel(jobId)).status();
    }

    @Override
    public StateReply.Status beginRun(String partition, Job job) {
        return calls.ask(partition, StateRequest.beginRun(job.id(), node, job.retryCount())).status();
    }

    @Override
    public void abandonRun(String partition, Job job) {
        // Best effort: an abandoned run the owner did not hear of ends with its lease.
        if (job.idempotent()) {
            calls.askAsync(partition, StateRequest.endRun(job.id(), node, job.retryCount(), "abandon"));
        }
    }

    @Override
    public boolean acquireExecutionKey(String partition, Job job) {
        String key = job.executionKey().orElseThrow();
        return calls.ask(partition, StateRequest.acquireExecKey(key, job.id(), node)).status()
                == StateReply.Status.GRANTED;
    }

    @Override
    public void putWaiting(String partition, Job job, byte[] body)
            throws IOException, TimeoutException, InterruptedException {
        String queue = names.waitingQueue(partition, job.executionKey().orElseThrow());
        // Declared every time, not from a cache: if the queue was deleted meanwhile (by an
        // operator), a publish to it would be confirmed and vanish.
        declarer.declareWaiting(queue);
        publisher.publish(queue, JobMessages.properties(partition, job, null), body);
        abandonRun(partition, job);
    }

    @Override
    public void release(String partition, Job job) {
        job.queueKey().ifPresent(k -> releases.release(partition, StateRequest.releaseQueueKey(k, job.id())));
        job.executionKey().ifPresent(k -> releases.release(partition, StateRequest.releaseExecKey(k, job.id())));
        endRun(partition, job, "done");
    }

    @Override
    public void releaseExecutionKey(String partition, Job job) {
        job.executionKey().ifPresent(k -> releases.release(partition, StateRequest.releaseExecKey(k, job.id())));
        endRun(partition, job, "retry");
    }

    private void endRun(String partition, Job job, String outcome) {
        if (job.idempotent()) {
            releases.release(partition, StateRequest.endRun(job.id(), node, job.retryCount(), outcome));
        }
    }

    @Override
    public void started(RunningJob job) {
        running.add(job);
    }

    @Override
    public void ended(RunningJob job) {
        running.remove(job);
    }
}
