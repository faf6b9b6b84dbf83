package dev.roger.api;

import java.util.List;

/**
 * Enqueues jobs through the transactional outbox: the job is written as a row of the table
 * {@code roger_outbox} on the application's database (the resource adapter's {@code outboxDataSource})
 * in the caller's JTA transaction, so it exists exactly when the caller's other work commits; a
 * crash right after the commit loses nothing. Each node's relay then publishes committed rows and
 * deletes them. Use it where a job must go if and only if a transaction commits; for everything
 * else {@link RogerClient#enqueue} is faster (no database round trip).
 *
 * <pre>{@code
 * @Inject RogerOutbox outbox;
 * ...
 * // in a @Transactional method, or between UserTransaction.begin() and commit()
 * orders.persist(order);
 * outbox.enqueue("shop", Job.builder("send-confirmation").args(order.id()).build());
 * }</pre>
 *
 * <p>What it guarantees:
 * <ul>
 * <li>The job is written in the caller's transaction: committed with it, or gone with its rollback.
 *     The call needs an active JTA transaction and throws {@link IllegalStateException} without one
 *     (use {@link RogerClient} outside transactions).</li>
 * <li>After the commit a node's relay publishes the job, at least once: a node that dies after
 *     publishing but before deleting the row publishes it again from another node. Make jobs
 *     idempotent ({@code Job.Builder.idempotent(true)}) where a second run matters.</li>
 * <li>Jobs of a partition are published in the order they were written: those written in one
 *     transaction, and those of transactions one after another. Jobs of transactions running at the
 *     same time have no order among themselves.</li>
 * <li>A job is checked as an enqueue checks it (partition name, well-formed args,
 *     {@code maxJobBytes}) when it is written, so a bad job fails the call, inside the transaction.
 *     Its queue is decided then too: its own, else its type's queue on this node, else
 *     {@code default}.</li>
 * <li>A job with a queue key has its key claimed when it is published, not when it is written.
 *     If the key is held then, the job is dropped and logged at WARNING with its id, type, partition
 *     and key (the outbox cannot hand the refusal back to a caller whose transaction has ended).</li>
 * </ul>
 */
public interface RogerOutbox {

    /**
     * Writes a job to the outbox in the caller's transaction.
     *
     * @param partition the partition (tenant) id
     * @param job       the job
     * @return the job as written, with its partition set; its queue is set when it is published
     * @throws IllegalStateException when no JTA transaction is active, or the adapter has no
     *                               {@code outboxDataSource}
     * @throws IllegalArgumentException when the partition id is invalid or the job is not one an
     *                                  enqueue would accept
     * @throws RogerException when the row cannot be written; the transaction is then marked rollback-only
     */
    Job enqueue(String partition, Job job);

    /**
     * Writes jobs to the outbox in the caller's transaction, in order; they are published in this
     * order. See {@link #enqueue} for the exceptions; a failure writes none of them.
     *
     * @return the jobs as written, in order
     */
    List<Job> enqueueAll(String partition, List<Job> jobs);
}
