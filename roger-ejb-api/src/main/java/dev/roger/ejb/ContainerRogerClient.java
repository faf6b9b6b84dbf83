package dev.roger.ejb;

import dev.roger.api.ControlResult;
import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import java.util.List;

/** A {@link RogerClient} that borrows a pooled connection to the resource adapter per call. */
final class ContainerRogerClient implements RogerClient {

    private final AdapterCalls adapter;

    ContainerRogerClient(AdapterCalls adapter) {
        this.adapter = adapter;
    }

    @Override
    public Job enqueue(String partition, Job job) {
        return adapter.call(c -> c.enqueue(partition, job));
    }

    @Override
    public List<Job> enqueueAll(String partition, List<Job> jobs) {
        return adapter.call(c -> c.enqueueAll(partition, jobs));
    }

    @Override
    public ControlResult cancel(String partition, String jobId) {
        return adapter.call(c -> c.cancel(partition, jobId));
    }

    @Override
    public ControlResult cancel(String partition, Job job) {
        return adapter.call(c -> c.cancel(partition, job));
    }
}
