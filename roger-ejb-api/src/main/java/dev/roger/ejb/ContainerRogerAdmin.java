package dev.roger.ejb;

import dev.roger.api.ControlResult;
import dev.roger.api.GlobalStateInfo;
import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerAdmin;
import dev.roger.api.admin.ClusterInfo;
import dev.roger.api.admin.PurgeResult;
import dev.roger.api.admin.PurgeTarget;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A {@link RogerAdmin} that borrows a pooled connection to the resource adapter per call. */
final class ContainerRogerAdmin implements RogerAdmin {

    private final AdapterCalls adapter;

    ContainerRogerAdmin(AdapterCalls adapter) {
        this.adapter = adapter;
    }


    @Override
    public Optional<String> localNode() {
        return adapter.call(c -> c.admin().localNode());
    }

    @Override
    public ClusterInfo info() {
        return adapter.call(c -> c.admin().info());
    }

    @Override
    public ControlResult pauseQueue(String partition, String queue) {
        return adapter.call(c -> c.admin().pauseQueue(partition, queue));
    }

    @Override
    public ControlResult resumeQueue(String partition, String queue) {
        return adapter.call(c -> c.admin().resumeQueue(partition, queue));
    }

    @Override
    public java.util.List<dev.roger.api.RecurringJobInfo> recurringJobs(String partition) {
        return adapter.call(c -> c.admin().recurringJobs(partition));
    }

    @Override
    public void scheduleRecurring(String partition, dev.roger.api.RecurringJob job) {
        adapter.call(c -> {
            c.admin().scheduleRecurring(partition, job);
            return null;
        });
    }

    @Override
    public boolean removeRecurring(String partition, String name) {
        return adapter.call(c -> c.admin().removeRecurring(partition, name));
    }

    @Override
    public boolean pauseRecurring(String partition, String name) {
        return adapter.call(c -> c.admin().pauseRecurring(partition, name));
    }

    @Override
    public boolean resumeRecurring(String partition, String name) {
        return adapter.call(c -> c.admin().resumeRecurring(partition, name));
    }

    @Override
    public boolean triggerRecurring(String partition, String name) {
        return adapter.call(c -> c.admin().triggerRecurring(partition, name));
    }

    @Override
    public GlobalStateInfo globalState(String partition) {
        return adapter.call(c -> c.admin().globalState(partition));
    }

    @Override
    public PurgeResult purge(String partition, String queue, Set<PurgeTarget> targets) {
        return adapter.call(c -> c.admin().purge(partition, queue, targets));
    }

    @Override
    public dev.roger.api.admin.SafeStopResult safeStop(String partition, java.time.Duration timeout) {
        return adapter.call(c -> c.admin().safeStop(partition, timeout));
    }

    @Override
    public dev.roger.api.admin.SafeStopResult safeStop(String node, String partition, java.time.Duration timeout) {
        return adapter.call(c -> c.admin().safeStop(node, partition, timeout));
    }

    @Override
    public dev.roger.api.admin.BuriedPage buried(dev.roger.api.admin.BuriedQuery query) {
        return adapter.call(c -> c.admin().buried(query));
    }

    @Override
    public int retryBuried(dev.roger.api.admin.BuriedQuery query) {
        return adapter.call(c -> c.admin().retryBuried(query));
    }

    @Override
    public int deleteBuried(dev.roger.api.admin.BuriedQuery query) {
        return adapter.call(c -> c.admin().deleteBuried(query));
    }

    @Override
    public boolean retryBuried(String partition, String queue, String jobId) {
        return adapter.call(c -> c.admin().retryBuried(partition, queue, jobId));
    }

    @Override
    public int retryAllBuried(String partition, String queue) {
        return adapter.call(c -> c.admin().retryAllBuried(partition, queue));
    }

    @Override
    public boolean deleteBuried(String partition, String queue, String jobId) {
        return adapter.call(c -> c.admin().deleteBuried(partition, queue, jobId));
    }

    @Override
    public int deleteAllBuried(String partition, String queue) {
        return adapter.call(c -> c.admin().deleteAllBuried(partition, queue));
    }

    @Override
    public void startPartition(String node, PartitionSpec spec) {
        adapter.run(c -> c.admin().startPartition(node, spec));
    }

    @Override
    public void reconfigurePartition(String node, PartitionSpec spec) {
        adapter.run(c -> c.admin().reconfigurePartition(node, spec));
    }

    @Override
    public void stopPartition(String node, String partition) {
        adapter.run(c -> c.admin().stopPartition(node, partition));
    }

    @Override
    public List<PartitionSpec> runningPartitions(String node) {
        return adapter.call(c -> c.admin().runningPartitions(node));
    }
}
