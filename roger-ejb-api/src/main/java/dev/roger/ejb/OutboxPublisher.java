package dev.roger.ejb;

import dev.roger.api.DuplicateJobException;
import dev.roger.api.Job;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes locked outbox rows through the resource adapter, a partition's consecutive rows as one
 * batch, and tells which rows are done (published, or dropped because they can never be): the
 * relay deletes those. Stops at the first batch that fails for a reason that may pass (the broker
 * or the partition's state owner away): that batch and the ones after it stay for the next poll.
 */
final class OutboxPublisher {

    private static final System.Logger LOG = System.getLogger(OutboxPublisher.class.getName());

    /** What the relay needs of the adapter. */
    interface Adapter {
        /** @throws IllegalArgumentException when the body is not a job Roger can run */
        Job decode(String body);

        /** Publishes and waits for the broker's confirms, as {@link dev.roger.api.RogerClient#enqueueAll}. */
        List<Job> enqueueAll(String partition, List<Job> jobs);
    }

    /**
     * @param done    the ids of the rows to delete, in order
     * @param failure what stopped the publishing; null when every row is done
     */
    record Outcome(List<Long> done, Failure failure) {
    }

    /**
     * A batch that could not be published; it and the rows after it stay.
     *
     * @param rows   the ids of its rows not done
     * @param jobIds the ids of its jobs
     */
    record Failure(String partition, List<Long> rows, List<String> jobIds, RuntimeException cause) {
    }

    private final Adapter adapter;

    OutboxPublisher(Adapter adapter) {
        this.adapter = adapter;
    }

    /** Publishes the rows (in id order) batch by batch. */
    Outcome publish(List<OutboxRow> rows) {
        List<Long> done = new ArrayList<>();
        for (OutboxBatches.Batch batch : OutboxBatches.of(rows)) {
            List<Job> jobs = new ArrayList<>();
            try {
                publish(batch, jobs, done);
            } catch (RuntimeException e) {
                return new Outcome(done, new Failure(batch.partition(), batch.rows().stream().map(OutboxRow::id)
                        .filter(id -> !done.contains(id)).toList(), jobs.stream().map(Job::id).toList(), e));
            }
        }
        return new Outcome(done, null);
    }

    private void publish(OutboxBatches.Batch batch, List<Job> jobs, List<Long> done) {
        List<OutboxRow> readable = new ArrayList<>();
        for (OutboxRow row : batch.rows()) {
            try {
                jobs.add(adapter.decode(row.body()));
                readable.add(row);
            } catch (IllegalArgumentException e) {
                LOG.log(Level.ERROR, "Outbox row {0} of partition {1} is not a job Roger can run ({2}); it is dropped",
                        row.id(), batch.partition(), e.getMessage());
                LOG.log(Level.DEBUG, "Outbox row {0} was: {1}", row.id(), row.body());
                done.add(row.id());
            }
        }
        if (jobs.isEmpty()) {
            return;
        }
        try {
            adapter.enqueueAll(batch.partition(), jobs);
            readable.forEach(r -> done.add(r.id()));
        } catch (DuplicateJobException | IllegalArgumentException refused) {
            // Nothing of the batch was published; one by one, only the refused jobs are left out.
            for (int i = 0; i < jobs.size(); i++) {
                publishAlone(batch.partition(), jobs.get(i));
                done.add(readable.get(i).id());
            }
        }
    }

    /** Publishes one job; a job refused for good is logged and dropped, any other failure thrown. */
    private void publishAlone(String partition, Job job) {
        try {
            adapter.enqueueAll(partition, List.of(job));
        } catch (DuplicateJobException e) {
            LOG.log(Level.WARNING, "Outbox job {0} of type {1} for partition {2} is dropped: its queue key {3} is held "
                    + "({4})", job.id(), job.type(), partition, job.queueKey().orElse(""), e.getMessage());
            LOG.log(Level.DEBUG, "Dropped outbox job {0} had args {1}", job.id(), job.argsJson());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, "Outbox job {0} of type {1} for partition {2} is dropped: it cannot be enqueued ({3})",
                    job.id(), job.type(), partition, e.getMessage());
            LOG.log(Level.DEBUG, "Dropped outbox job {0} had args {1}", job.id(), job.argsJson());
        }
    }
}
