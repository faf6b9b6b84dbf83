package dev.roger.api;

import java.util.List;

/**
 * What applications do with jobs: enqueue and cancel. In an application, {@code @Inject
 * RogerClient}; in plain Java SE, create one with {@code dev.roger.client.AmqpRogerClient.connect(uri)}
 * from {@code roger-client}. What operators do (queues, partitions, buried jobs, info) is
 * {@link RogerAdmin}.
 *
 * <pre>{@code
 * @Inject RogerClient roger;
 * ...
 * roger.enqueue("myapp", Job.builder("send-welcome-mail").args(mail).build());
 * }</pre>
 */
public interface RogerClient {

    /**
     * Publishes a job to a partition and returns once RabbitMQ confirmed it (the job is then
     * stored durably). The queue is the job's own, else its type's (when this node has a bean for
     * it), else {@code default}.
     *
     * @param partition the partition (tenant) id
     * @param job       the job
     * @return the job as enqueued, with its queue and {@code queuedAt} set
     * @throws EnqueueException when the job is certainly not stored: the broker was unreachable
     *                          before the publish, or refused the job
     * @throws EnqueueUncertainException (an {@code EnqueueException}) when the job was sent but not
     *                          confirmed (the connection failed after the publish, or no confirm came
     *                          within the publish timeout): it may be stored and run. Retrying with the
     *                          same job is safe for a job built with {@code idempotent(true)}
     * @throws DuplicateJobException when the job has a queue key that another job of the partition
     *                               holds (queued, waiting or running); nothing was published
     * @throws StateUnavailableException when the job has a queue key and the partition's state owner
     *                               did not answer in time; nothing was published, retry later
     * @throws IllegalArgumentException when the partition id is invalid or the job is too large
     */
    Job enqueue(String partition, Job job);

    /**
     * Publishes jobs to a partition in one batch and returns once RabbitMQ confirmed all of them:
     * much faster than one {@link #enqueue} per job (one confirm round trip for the batch). Every
     * job is checked before anything is published. Keep batches to a few thousand jobs so the
     * confirm wait stays short.
     *
     * @return the jobs as enqueued, in order
     * @throws EnqueueException when none of the jobs is stored (nothing was published, or the
     *                          batch's only job was refused)
     * @throws EnqueueUncertainException (an {@code EnqueueException}) when not every job was
     *                          confirmed: none, some or all may be stored, so retry the batch with the
     *                          same jobs; idempotent ones ({@code idempotent(true)}) then run once
     * @throws IllegalArgumentException for an invalid partition or any invalid job
     * @throws DuplicateJobException when a job's queue key is held (by another job, or by an earlier
     *                               job of the batch); nothing was published
     * @throws StateUnavailableException when a job has a queue key and the partition's state owner
     *                               did not answer; nothing was published
     */
    List<Job> enqueueAll(String partition, List<Job> jobs);

    /**
     * Cancels a job of a partition, wherever it is: a queued job is dropped when a node dequeues
     * it; a running job's thread is interrupted and its result ignored. Either way {@code
     * JobCancelled} fires once and the job is not retried. Cancelling an unknown or finished job
     * is harmless (its id is forgotten after the cancel retention).
     *
     * @return the nodes that were told at once (a node that missed it learns it from the owner)
     * @throws StateUnavailableException when the partition's state owner did not answer; nothing was cancelled
     */
    ControlResult cancel(String partition, String jobId);

    /**
     * Cancels a job as {@link #cancel(String, String)} does, given the job as {@code enqueue}
     * returned it: for a scheduled job ({@link Job#runAt()}) the cancel is kept until the job is
     * due plus the cancel retention, however far ahead that is, so it is dropped when it arrives.
     * {@code cancel(partition, jobId)} keeps a cancel for the retention only (24 hours by default).
     *
     * @throws StateUnavailableException when the partition's state owner did not answer; nothing was cancelled
     */
    ControlResult cancel(String partition, Job job);
}
