package dev.roger.ejb;

import dev.roger.api.BuriedJob;
import dev.roger.api.ControlResult;
import dev.roger.api.GlobalStateInfo;
import dev.roger.api.Job;
import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerClient;
import dev.roger.api.RogerException;
import dev.roger.api.spi.RogerConnection;
import dev.roger.api.spi.RogerConnectionFactory;
import jakarta.resource.ResourceException;
import java.util.List;
import java.util.function.Function;

/** A {@link RogerClient} that borrows a pooled connection to the resource adapter per call. */
final class ContainerRogerClient implements RogerClient {

    private final RogerConnectionFactory factory;

    ContainerRogerClient(RogerConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public Job enqueue(String partition, Job job) {
        return call(c -> c.enqueue(partition, job));
    }

    @Override
    public List<Job> enqueueAll(String partition, List<Job> jobs) {
        return call(c -> c.enqueueAll(partition, jobs));
    }

    @Override
    public ControlResult cancel(String partition, String jobId) {
        return call(c -> c.cancel(partition, jobId));
    }

    @Override
    public ControlResult pauseQueue(String partition, String queue) {
        return call(c -> c.pauseQueue(partition, queue));
    }

    @Override
    public ControlResult resumeQueue(String partition, String queue) {
        return call(c -> c.resumeQueue(partition, queue));
    }

    @Override
    public GlobalStateInfo globalState(String partition) {
        return call(c -> c.globalState(partition));
    }

    @Override
    public List<BuriedJob> buriedJobs(String partition, String queue, int offset, int limit) {
        return call(c -> c.buriedJobs(partition, queue, offset, limit));
    }

    @Override
    public boolean retryBuried(String partition, String queue, String jobId) {
        return call(c -> c.retryBuried(partition, queue, jobId));
    }

    @Override
    public int retryAllBuried(String partition, String queue) {
        return call(c -> c.retryAllBuried(partition, queue));
    }

    @Override
    public boolean deleteBuried(String partition, String queue, String jobId) {
        return call(c -> c.deleteBuried(partition, queue, jobId));
    }

    @Override
    public int deleteAllBuried(String partition, String queue) {
        return call(c -> c.deleteAllBuried(partition, queue));
    }

    @Override
    public void startPartition(PartitionSpec spec) {
        call(c -> {
            c.startPartition(spec);
            return null;
        });
    }

    @Override
    public void reconfigurePartition(PartitionSpec spec) {
        call(c -> {
            c.reconfigurePartition(spec);
            return null;
        });
    }

    @Override
    public void stopPartition(String partition) {
        call(c -> {
            c.stopPartition(partition);
            return null;
        });
    }

    @Override
    public List<PartitionSpec> runningPartitions() {
        return call(RogerClient::runningPartitions);
    }

    private <T> T call(Function<RogerConnection, T> action) {
        RogerConnection connection;
        try {
            connection = factory.getConnection();
        } catch (ResourceException e) {
            throw new RogerException("No connection to the Roger resource adapter (is roger-ra.rar deployed "
                    + "before this application?): " + e.getMessage(), e);
        }
        try (connection) {
            return action.apply(connection);
        }
    }
}
