package dev.roger.ejb;

import static dev.roger.ejb.OutboxBatchesTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.roger.api.DuplicateJobException;
import dev.roger.api.EnqueueException;
import dev.roger.api.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutboxPublisherTest {

    /** Decodes "job-<id>" as a job with that id; refuses the bodies and fails the partitions it is told to. */
    private static final class FakeAdapter implements OutboxPublisher.Adapter {
        final List<String> calls = new ArrayList<>();
        Set<String> unreadable = Set.of();
        Set<String> heldKeys = Set.of();
        Set<String> brokenPartitions = Set.of();

        @Override
        public Job decode(String body) {
            if (unreadable.contains(body)) {
                throw new IllegalArgumentException("not JSON");
            }
            return Job.builder("t").id(body).queueKey(heldKeys.contains(body) ? body : null).build();
        }

        @Override
        public List<Job> enqueueAll(String partition, List<Job> jobs) {
            if (brokenPartitions.contains(partition)) {
                throw new EnqueueException(jobs.get(0).id(), "broker away", null);
            }
            if (jobs.stream().anyMatch(j -> j.queueKey().isPresent())) {
                throw new DuplicateJobException(partition, jobs.get(0).id(), "k", "other");
            }
            calls.add(partition + ":" + jobs.stream().map(Job::id).toList());
            return jobs;
        }
    }

    @Test
    void eachRunOfAPartitionIsOneEnqueueInTheOrderOfTheRowsAndEveryRowIsDone() {
        FakeAdapter adapter = new FakeAdapter();
        var outcome = new OutboxPublisher(adapter).publish(List.of(row(1, "a"), row(2, "a"), row(3, "b"), row(4, "a")));
        assertEquals(List.of("a:[job-1, job-2]", "b:[job-3]", "a:[job-4]"), adapter.calls);
        assertEquals(List.of(1L, 2L, 3L, 4L), outcome.done());
        assertNull(outcome.failure());
    }

    @Test
    void aFailingBatchStopsThePublishingAndItAndTheRowsAfterItAreNotDone() {
        FakeAdapter adapter = new FakeAdapter();
        adapter.brokenPartitions = Set.of("b");
        var outcome = new OutboxPublisher(adapter).publish(List.of(row(1, "a"), row(2, "b"), row(3, "b"), row(4, "a")));
        assertEquals(List.of("a:[job-1]"), adapter.calls, "nothing after the failed batch is published");
        assertEquals(List.of(1L), outcome.done());
        assertEquals("b", outcome.failure().partition());
        assertEquals(List.of(2L, 3L), outcome.failure().rows());
        assertEquals(List.of("job-2", "job-3"), outcome.failure().jobIds());
        assertSame(EnqueueException.class, outcome.failure().cause().getClass());
    }

    @Test
    void aJobWhoseQueueKeyIsHeldIsDroppedAndItsNeighboursArePublishedInOrder() {
        FakeAdapter adapter = new FakeAdapter();
        adapter.heldKeys = Set.of("job-2");
        var outcome = new OutboxPublisher(adapter).publish(List.of(row(1, "a"), row(2, "a"), row(3, "a")));
        assertEquals(List.of("a:[job-1]", "a:[job-3]"), adapter.calls);
        assertEquals(List.of(1L, 2L, 3L), outcome.done(), "the dropped row is deleted too");
        assertNull(outcome.failure());
    }

    @Test
    void anUnreadableRowIsDroppedAndTheOthersArePublished() {
        FakeAdapter adapter = new FakeAdapter();
        adapter.unreadable = Set.of("job-2");
        var outcome = new OutboxPublisher(adapter).publish(List.of(row(1, "a"), row(2, "a"), row(3, "a")));
        assertEquals(List.of("a:[job-1, job-3]"), adapter.calls);
        assertEquals(List.of(2L, 1L, 3L), outcome.done());
    }
}
