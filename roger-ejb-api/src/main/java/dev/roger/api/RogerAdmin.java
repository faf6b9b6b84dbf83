package dev.roger.api;

import dev.roger.api.admin.BuriedPage;
import dev.roger.api.admin.BuriedQuery;
import dev.roger.api.admin.ClusterInfo;
import dev.roger.api.admin.PurgeResult;
import dev.roger.api.admin.PurgeTarget;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What operators do with a Roger cluster, apart from what applications do with jobs
 * ({@link RogerClient}): look at it, pause and resume queues, purge them, handle buried jobs, and
 * start or stop partitions on a node. {@code @Inject RogerAdmin} in an application on a node;
 * {@code AmqpRogerAdmin} from Java SE, which reaches the nodes over the cluster's control channel.
 *
 * <p>Cluster-wide operations name no node. Node-local ones name the node (its {@code nodeName});
 * on a node, {@link #localNode()} is its own name.
 *
 * <p>There is deliberately no way to look at the jobs waiting in a partition queue: AMQP can only
 * take a message and put it back, which moves it and, on a quorum queue, counts as a delivery (a
 * healthy job could end up treated as poison). {@link #info()} gives each queue's depth instead;
 * the age of the oldest waiting job is not available over AMQP. Buried jobs are another matter:
 * {@link #buried} reads them from the cluster's buried log without touching any queue.
 */
public interface RogerAdmin {

    /** The name of the node this admin runs on; empty from Java SE. */
    Optional<String> localNode();

    /**
     * Asks every node of the cluster to describe itself (partitions, waiting queues, running jobs,
     * counters) and the broker for its queues' counts. Nodes that do not answer within the
     * control timeout are counted in {@link ClusterInfo#missingNodes()}.
     *
     * @throws StateUnavailableException when the request could not be sent (no connection)
     */
    ClusterInfo info();

    /**
     * Pauses a queue of a partition on every node: no node starts a job from it until {@link
     * #resumeQueue}. Jobs already running finish. The pause is part of the partition's global
     * state: it survives reconfiguration, restarts, new nodes and a change of owner.
     *
     * @throws StateUnavailableException when the partition's state owner did not answer; nothing changed
     */
    ControlResult pauseQueue(String partition, String queue);

    /**
     * Resumes a paused queue of a partition on every node.
     *
     * @throws StateUnavailableException when the partition's state owner did not answer; nothing changed
     */
    ControlResult resumeQueue(String partition, String queue);

    /**
     * The partition's global state as its owner holds it: owner node, paused queues, held keys.
     *
     * @throws StateUnavailableException when the partition's state owner did not answer
     */
    GlobalStateInfo globalState(String partition);

    /**
     * Removes the jobs waiting in a queue of a partition (and, if asked, its retry and buried
     * queues), and gives back the queue keys they held, so a new job with one of those keys is
     * accepted again. Jobs already delivered to a node (running or about to) are not touched.
     *
     * @param targets which of the queue's broker queues to empty; at least one
     * @throws StateUnavailableException when keys were held and the partition's owner did not
     *                                   answer: the jobs are removed, the keys stay held (logged)
     */
    PurgeResult purge(String partition, String queue, Set<PurgeTarget> targets);

    /**
     * Stops a partition on every node of the cluster, safely: no node takes a new job of it (jobs
     * prefetched but not started go back to its queue), and the call waits until the jobs running
     * there finished, or {@code timeout} passed. The partition stays stopped on those nodes until
     * it is started again ({@link #startPartition}) or the node restarts. Its jobs stay queued.
     *
     * @param timeout how long to wait for running jobs; each node stops waiting then and says
     *                how many still run
     * @throws StateUnavailableException when the command could not be sent
     */
    dev.roger.api.admin.SafeStopResult safeStop(String partition, java.time.Duration timeout);

    /**
     * Stops a partition safely on one node, as {@link #safeStop(String, java.time.Duration)}.
     *
     * @throws PartitionNotRunningException when the partition does not run on that node
     * @throws RogerException               when the node did not answer in time
     */
    dev.roger.api.admin.SafeStopResult safeStop(String node, String partition, java.time.Duration timeout);

    /**
     * Lists buried jobs, newest first, one page at a time, without touching the buried queues.
     *
     * <p>Every burial is also recorded in the cluster's buried log (a RabbitMQ stream,
     * {@code roger.buried.log}, written in the same publish as the buried copy), and retries,
     * deletes, purges and drops for the buried queues' bounds record the removal there. A listing
     * reads that log up to a mark it writes itself, so it contains every job whose burial was
     * confirmed before the call, in the order they were buried, however many nodes bury or list
     * meanwhile. Nothing is taken from a buried queue to list it. Page on with
     * {@link BuriedPage#next()}: jobs buried meanwhile do not shift the pages.
     *
     * @throws StateUnavailableException when the log could not be read to the mark in time
     */
    BuriedPage buried(BuriedQuery query);

    /**
     * Puts every buried job the query matches when the call starts back on its queue (the
     * query's limit and cursor do not apply), as {@link #retryBuried(String, String, String)}.
     * A job buried after the call started is not retried, even if it matches.
     *
     * @return how many were put back
     */
    int retryBuried(BuriedQuery query);

    /**
     * Deletes every buried job the query matches when the call starts (its limit and cursor do
     * not apply).
     *
     * @return how many were deleted
     */
    int deleteBuried(BuriedQuery query);

    /**
     * Puts a buried job back on its queue, with its id and a retry count of 0, and removes it
     * from the buried queue (after the broker confirmed the copy).
     *
     * @return false when no buried job of the queue has that id
     */
    boolean retryBuried(String partition, String queue, String jobId);

    /**
     * Puts every job of the queue's buried queue back on the queue, as {@link #retryBuried};
     * returns how many.
     */
    int retryAllBuried(String partition, String queue);

    /**
     * Deletes a buried job.
     *
     * @return false when no buried job of the queue has that id
     */
    boolean deleteBuried(String partition, String queue, String jobId);

    /** Deletes every job of the queue's buried queue; returns how many. */
    int deleteAllBuried(String partition, String queue);

    /**
     * Starts consuming a partition's queues on a node; for a partition already running there this
     * is {@link #reconfigurePartition}.
     *
     * @param node the node's name
     * @throws RogerException when the node did not answer (not running, or in another cluster)
     */
    void startPartition(String node, PartitionSpec spec);

    /**
     * Makes a node consume exactly the given queues of a running partition, with the given
     * worker counts; queues not named stop being consumed there.
     *
     * @throws PartitionNotRunningException when the partition does not run on that node
     * @throws RogerException               when the node did not answer
     */
    void reconfigurePartition(String node, PartitionSpec spec);

    /**
     * Stops consuming a partition on a node. Jobs running there finish; jobs prefetched but not
     * started go back to their queue for other nodes.
     *
     * @throws PartitionNotRunningException when the partition does not run on that node
     * @throws RogerException               when the node did not answer
     */
    void stopPartition(String node, String partition);

    /**
     * The partitions running on a node, with their queues and worker counts.
     *
     * @throws RogerException when the node did not answer
     */
    List<PartitionSpec> runningPartitions(String node);

    /**
     * The partition's recurring jobs with their last and next ticks, from its state owner.
     *
     * @throws StateUnavailableException when the owner did not answer
     */
    List<RecurringJobInfo> recurringJobs(String partition);

    /**
     * Adds a recurring job to a partition, or replaces the one with its name (which keeps its last
     * tick and its pause). Its first tick is the first after now; the nodes running the partition
     * are told at once (a node that misses it asks within a minute).
     *
     * @throws StateUnavailableException when the owner did not answer; nothing changed
     */
    void scheduleRecurring(String partition, RecurringJob job);

    /**
     * Removes a recurring job. A job declared with {@code @RogerJob(cron)} comes back when a node
     * activates its bean again.
     *
     * @return false when the partition has no recurring job of that name
     */
    boolean removeRecurring(String partition, String name);

    /** Pauses a recurring job: its ticks are skipped until it is resumed. @return false when there is none of that name */
    boolean pauseRecurring(String partition, String name);

    /** Resumes a recurring job from its next tick; what it missed while paused does not fire. @return false when there is none */
    boolean resumeRecurring(String partition, String name);

    /** Enqueues a recurring job's job now, once, whatever its schedule or pause. @return false when there is none of that name */
    boolean triggerRecurring(String partition, String name);
}
