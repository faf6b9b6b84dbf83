package dev.roger.ra.cluster;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.roger.api.spi.GlobalStateHost;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.state.StateCodec;
import dev.roger.state.StateReply;
import dev.roger.state.StateRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Competes for the ownership of this node's partitions' global state and serves it while it has
 * it. Each partition has a single-active-consumer queue {@code roger.owner.<partition>} (in a
 * named cluster {@code <cluster>.roger.owner.<partition>}); every
 * node that runs the partition (and has an application to hold the state) consumes it, and the
 * broker delivers requests to exactly one of them: the owner. The owner loads the state from the
 * persister on its first request and answers by direct reply-to. When the owner stops the
 * partition it stores the state, then cancels its consumer so the broker hands ownership on;
 * when it dies, the broker does so at once and the next owner loads what was last stored.
 */
final class StateOwnership {

    private static final System.Logger LOG = System.getLogger(StateOwnership.class.getName());
    private static final int PREFETCH = 64;
    private static final Map<String, Object> OWNER_QUEUE = Map.of("x-single-active-consumer", true);
    /** How long a bid waits for its queue's declare ahead before it declares the queue itself. */
    private static final long AHEAD_WAIT_MILLIS = 10_000;
    /**
     * Large enough that a thousand new partitions are bid for in one go: in chunks of 100, with
     * their states asked for between them, their queue declarations came between the bids on the
     * broker and the thousand took longer (quick runs: 46 s against 34 to 39 s until ready).
     */
    static final int BIDS_PER_CALL = 2000;

    private final String node;
    private final BrokerNames names;
    private final WaiterMover mover;
    private final RecurringFirer firer;
    private final OwnerQueuesAhead queuesAhead = new OwnerQueuesAhead();
    private GlobalStateHost host;
    private Channel channel;
    private volatile boolean channelBroken;
    private final Map<String, String> consumerTags = new HashMap<>();
    /** The consumer tag of a partition whose bid is being made (compared by identity). */
    private static final String BIDDING = new String("bidding");
    private final Set<String> owned = new HashSet<>();
    /**
     * Partitions whose bid the last {@link #compete} left for a later call ({@value #BIDS_PER_CALL}
     * at most per call). Until this node bids, their owner queues may not exist: asking their owners
     * then only has the requests returned, and ten thousand starting partitions sent some 23,000 of
     * those (one per partition and tick, for their states and their recurring ticks).
     */
    private volatile Set<String> deferred = Set.of();
    /** Partitions with recent key or cancel traffic: housekept every tick, the rest every 10 minutes. */
    private final Map<String, java.time.Instant> busyUntil = new HashMap<>();
    private static final java.time.Duration BUSY = java.time.Duration.ofMinutes(5);
    /**
     * Every 10 minutes: idle partitions only have old cancel ids to drop (keys in use bring
     * traffic). Each tick takes the idle partitions of one slot of this many, so a thousand of
     * them never come due on the same tick.
     */
    private static final int IDLE_TICK_EVERY = 300;
    /**
     * Requests after which the partition is housekept every tick for a while: those that hold or
     * free keys, cancel jobs or record runs. Reads, pauses and recurring ticks leave nothing to
     * expire; counting them made every partition busy (each asks for its recurring ticks at start),
     * and a thousand idle tenants then cost the owner a thousand state calls every 2 s.
     */
    private static final Set<StateRequest.Op> LEAVES_HOUSEKEEPING = java.util.EnumSet.of(
            StateRequest.Op.CLAIM_QUEUE_KEY, StateRequest.Op.RELEASE_QUEUE_KEY, StateRequest.Op.ACQUIRE_EXEC_KEY,
            StateRequest.Op.RELEASE_EXEC_KEY, StateRequest.Op.RENEW, StateRequest.Op.WAITING_EMPTY,
            StateRequest.Op.CANCEL, StateRequest.Op.CONSUME_CANCEL, StateRequest.Op.BEGIN_RUN,
            StateRequest.Op.END_RUN, StateRequest.Op.FORGET_RUN);
    private int ticks;
    private final OwnershipChanges changes;

    StateOwnership(String node, BrokerNames names, WaiterMoverFactory movers, RecurringFirer firer) {
        this.node = node;
        this.names = names;
        this.changes = new OwnershipChanges(node);
        this.mover = movers.create(this::foundEmpty);
        this.firer = firer;
    }

    /** Builds the mover once the ownership exists, since the mover reports back to it. */
    @FunctionalInterface
    interface WaiterMoverFactory {
        WaiterMover create(java.util.function.BiConsumer<String, String> foundEmpty);
    }

    /**
     * Sets the application that holds the state ({@code null}: none). A change gives up all
     * ownership without calling the old holder: it changes only when that application goes away,
     * and it stores its partitions itself before it unregisters.
     */
    synchronized void host(GlobalStateHost newHost) {
        if (newHost == host) {
            return;
        }
        owned.clear();
        releaseAll(consumerTags.keySet());
        host = newHost;
    }

    synchronized boolean hasHost() {
        return host != null;
    }

    /**
     * Whether this node has yet to bid for the partition, having left it for a later call: its
     * owner may not exist yet, so asking it would be wasted.
     */
    boolean bidDeferred(String partition) {
        return deferred.contains(partition);
    }

    /**
     * Competes for exactly these partitions (when a host is set); gives up the others. The bids'
     * round trips are made outside this object's lock, so that the requests of partitions already
     * bid for are served meanwhile: held through a thousand new partitions' bids, the lock kept
     * their states (which their consumers wait for) from loading for 10 s. At most
     * {@value #BIDS_PER_CALL} new bids per call, so that with many thousands the tick asks the
     * owners of those for their states before it bids for more. Many new bids have their queues
     * declared side by side ahead of them ({@link OwnerQueuesAhead}). Only the tick calls this.
     *
     * @return whether bids remain to be made
     */
    boolean compete(Connection connection, Collection<String> partitions) throws IOException {
        Channel ch;
        List<String> bids = new java.util.ArrayList<>();
        boolean more = false;
        synchronized (this) {
            Set<String> leaving = new HashSet<>(consumerTags.keySet());
            leaving.removeAll(partitions);
            releaseAll(leaving);
            deferred = Set.of();
            if (host == null) {
                return false;
            }
            ch = channel(connection);
            if (!ch.isOpen()) {
                // Recovering with the connection: recovery brings the consumers back.
                return false;
            }
            Set<String> later = new HashSet<>();
            for (String partition : partitions) {
                if (!consumerTags.containsKey(partition)) {
                    if (bids.size() == BIDS_PER_CALL) {
                        more = true;
                        later.add(partition);
                        continue;
                    }
                    // Held while the bid is made: a request delivered before basicConsume returns is served.
                    consumerTags.put(partition, BIDDING);
                    bids.add(partition);
                }
            }
            deferred = later;
        }
        int done = 0;
        List<String> queues = bids.stream().map(names::ownerQueue).toList();
        List<java.util.concurrent.CompletableFuture<Boolean>> ahead = bids.size() < OwnerQueuesAhead.AT_LEAST ? null
                : queuesAhead.declare(connection, queues, OWNER_QUEUE);
        try {
            for (int i = 0; i < bids.size(); i++) {
                String partition = bids.get(i);
                String queue = queues.get(i);
                OwnerQueuesAhead.Outcome declared = ahead == null ? OwnerQueuesAhead.Outcome.LEFT_TO_BID
                        : OwnerQueuesAhead.await(ahead.get(i), AHEAD_WAIT_MILLIS);
                if (declared == OwnerQueuesAhead.Outcome.INTERRUPTED) {
                    break;
                }
                if (declared == OwnerQueuesAhead.Outcome.LEFT_TO_BID) {
                    // Not waiting for declare-ok: the broker handles the consume after it on this
                    // channel, and a refused declare closes the channel, which fails the consume.
                    ch.queueDeclareNoWait(queue, true, false, false, OWNER_QUEUE);
                }
                String tag = ch.basicConsume(queue, false, new OwnerConsumer(ch, partition));
                done = i + 1;
                synchronized (this) {
                    if (channel == ch && consumerTags.replace(partition, BIDDING, tag)) {
                        continue;
                    }
                }
                // Given up (or the channel replaced) while the bid was made.
                cancelQuietly(ch, tag);
            }
        } finally {
            synchronized (this) {
                bids.subList(done, bids.size()).forEach(p -> consumerTags.remove(p, BIDDING));
            }
        }
        return more;
    }

    private static void cancelQuietly(Channel ch, String tag) {
        try {
            if (ch.isOpen()) {
                ch.basicCancel(tag);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Cancel of owner consumer failed", e);
        }
    }

    private void releaseAll(Collection<String> partitions) {
        for (String partition : List.copyOf(partitions)) {
            // Stored before the consumer goes, so the next owner loads the latest state.
            busyUntil.remove(partition);
            if (owned.remove(partition)) {
                try {
                    host.close(partition);
                } catch (RuntimeException e) {
                    // An application being undeployed stores its partitions itself first.
                    LOG.log(Level.DEBUG, "Storing partition " + partition + "'s state on release failed", e);
                }
                changes.gaveUp(partition);
            }
            String tag = consumerTags.remove(partition);
            // A bid still being made is cancelled by compete once basicConsume returns.
            if (tag != null && tag != BIDDING && channel != null) {
                cancelQuietly(channel, tag);
            }
        }
    }

    /**
     * Housekeeping on the owned partitions: expired key leases, free keys with waiters, old
     * cancel ids. Idle partitions are left alone most ticks: a thousand tenants must not cost
     * the owner a thousand calls every two seconds.
     */
    void tick() {
        synchronized (this) {
            changes.report(owned.size());
        }
        int slot = ++ticks % IDLE_TICK_EVERY;
        java.time.Instant now = java.time.Instant.now();
        for (String partition : ownedNow()) {
            StateReply reply;
            synchronized (this) {
                boolean idleDue = Math.floorMod(partition.hashCode(), IDLE_TICK_EVERY) == slot;
                if (!owned.contains(partition)
                        || !(idleDue || busyUntil.getOrDefault(partition, java.time.Instant.EPOCH).isAfter(now))) {
                    continue;
                }
                reply = applyHere(partition, StateRequest.tick());
            }
            reply.moveWaiters().forEach(k -> mover.moveOne(partition, k));
        }
    }

    private synchronized List<String> ownedNow() {
        return List.copyOf(owned);
    }

    private void foundEmpty(String partition, String key) {
        synchronized (this) {
            if (owned.contains(partition)) {
                applyHere(partition, StateRequest.waitingEmpty(key));
            }
        }
    }

    private Channel channel(Connection connection) throws IOException {
        if (channel == null || channelBroken) {
            Channel ch = connection.createChannel();
            ch.basicQos(PREFETCH);
            // A channel error is not recovered by the client (a lost connection is): start over.
            ch.addShutdownListener(sig -> channelBroken = !sig.isHardError() && !sig.isInitiatedByApplication());
            channelBroken = false;
            consumerTags.clear();
            channel = ch;
        }
        return channel;
    }

    /** Stores and gives up everything (the adapter stops). */
    synchronized void close() {
        queuesAhead.close();
        releaseAll(consumerTags.keySet());
        changes.report(owned.size());
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
                LOG.log(Level.DEBUG, "Closing the owner channel failed", e);
            }
        }
        channel = null;
    }

    /** Receives the requests of one partition: only while this node is its queue's active consumer. */
    private final class OwnerConsumer extends DefaultConsumer {
        private final String partition;

        OwnerConsumer(Channel channel, String partition) {
            super(channel);
            this.partition = partition;
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                throws IOException {
            StateReply reply = null;
            StateRequest request = null;
            try {
                request = StateCodec.decodeRequest(body);
                reply = serve(partition, request);
            } catch (IOException e) {
                // The asker times out and reports the owner unavailable; nothing was applied.
                LOG.log(Level.WARNING, "Node {0} could not serve a request for partition {1}''s global state: {2}",
                        node, partition, e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Node " + node + " could not serve a request for partition " + partition
                        + "'s global state", e);
            }
            Channel ch = getChannel();
            synchronized (ch) {
                if (reply != null && props.getReplyTo() != null) {
                    ch.basicPublish("", props.getReplyTo(), new AMQP.BasicProperties.Builder()
                            .correlationId(props.getCorrelationId()).contentType("application/json").build(),
                            StateCodec.encode(reply.withOwner(node)));
                }
                ch.basicAck(envelope.getDeliveryTag(), false);
            }
            if (reply != null) {
                reply.moveWaiters().forEach(k -> mover.moveOne(partition, k));
                if (reply.data() != null && (request.op() == StateRequest.Op.RECURRING_DUE
                        || request.op() == StateRequest.Op.RECURRING_TRIGGER)) {
                    // After the reply: the state has stored these ticks as fired.
                    firer.fire(partition, dev.roger.state.RecurringCodec.decodeDue(reply.data()).fires());
                }
            }
        }

        @Override
        public void handleCancel(String tag) {
            // The broker cancels when the queue is deleted: store, and bid again on the next tick.
            synchronized (StateOwnership.this) {
                consumerTags.remove(partition, tag);
                if (owned.remove(partition) && host != null) {
                    host.close(partition);
                    LOG.log(Level.WARNING, "RabbitMQ cancelled node {0}''s bid for partition {1}''s global state "
                            + "(was its owner queue deleted?); bidding again", node, partition);
                }
            }
        }

        @Override
        public void handleShutdownSignal(String tag, ShutdownSignalException sig) {
            // Without the channel the broker has handed ownership on: the state here is stale
            // and must not be stored over the next owner's.
            synchronized (StateOwnership.this) {
                if (owned.remove(partition) && host != null) {
                    host.discard(partition);
                    changes.lost(partition, sig.getMessage());
                }
            }
        }
    }

    private synchronized StateReply serve(String partition, StateRequest request) throws IOException {
        if (!consumerTags.containsKey(partition) || host == null) {
            throw new IOException("node " + node + " is giving up partition " + partition);
        }
        if (owned.add(partition)) {
            try {
                host.open(partition);
            } catch (IOException | RuntimeException e) {
                owned.remove(partition);
                throw new IOException("loading the state failed: " + e.getMessage(), e);
            }
            changes.took(partition);
            // Taken over with keys held or jobs waiting (e.g. from a node that died): housekeep it
            // every tick, so an expired lease frees its waiters in seconds, not minutes.
            var loaded = applyHere(partition, StateRequest.info()).info();
            if (!loaded.executionKeys().isEmpty() || !loaded.waitingKeys().isEmpty()) {
                busyUntil.put(partition, java.time.Instant.now().plus(BUSY));
            }
        }
        if (LEAVES_HOUSEKEEPING.contains(request.op())) {
            busyUntil.put(partition, java.time.Instant.now().plus(BUSY));
        }
        return applyHere(partition, request);
    }

    /** A request to the application's state holder, in the wire format both sides read. */
    private StateReply applyHere(String partition, StateRequest request) {
        return StateCodec.decodeReply(host.apply(partition, StateCodec.encode(request)));
    }
}
