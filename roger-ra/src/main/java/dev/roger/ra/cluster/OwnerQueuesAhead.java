package dev.roger.ra.cluster;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Declares the owner queues of many new partitions side by side, ahead of their bids, which take
 * them in order as each is ready. One channel serializes queue creations on the broker: bids one
 * after another ran at about 115 a second, so ten thousand partitions waited 90 s for their
 * owners. Queues are dealt to {@value #STRIPES} channels in turn (queue i to channel i mod
 * {@value #STRIPES}), each declaring its share in order, so the first bids need not wait for the
 * last declares. A declare that fails here only leaves it to the bid, which declares the queue
 * itself and reports what the broker says; a queue declared here is not declared again.
 */
final class OwnerQueuesAhead implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OwnerQueuesAhead.class.getName());
    /** Channels declaring at once; past 8 the broker (3.10, two cores) creates queues no faster. */
    static final int STRIPES = 8;
    /** Fewer bids than this are made one after another: opening the channels would cost more. */
    static final int AT_LEAST = 2 * STRIPES;

    private final ExecutorService pool = dev.roger.client.amqp.DaemonThreads.pool("roger-owner-declare", STRIPES);

    /**
     * Starts declaring {@code queues} on new channels of {@code connection}.
     *
     * @return one future per queue, in the same order, done when its declare was answered: true
     *         when the broker declared it, false when the declare failed or was not made
     */
    List<CompletableFuture<Boolean>> declare(Connection connection, List<String> queues, Map<String, Object> arguments) {
        List<CompletableFuture<Boolean>> done = new ArrayList<>(queues.size());
        queues.forEach(q -> done.add(new CompletableFuture<>()));
        for (int stripe = 0; stripe < STRIPES && stripe < queues.size(); stripe++) {
            int first = stripe;
            try {
                pool.execute(() -> declareStripe(connection, queues, arguments, first, done));
            } catch (RejectedExecutionException e) {
                // Closed: the bids declare for themselves.
                for (int i = first; i < queues.size(); i += STRIPES) {
                    done.get(i).complete(false);
                }
            }
        }
        return done;
    }

    private static void declareStripe(Connection connection, List<String> queues, Map<String, Object> arguments,
                                      int first, List<CompletableFuture<Boolean>> done) {
        Channel ch = null;
        try {
            for (int i = first; i < queues.size(); i += STRIPES) {
                try {
                    if (ch == null || !ch.isOpen()) {
                        ch = connection.createChannel();
                    }
                    ch.queueDeclare(queues.get(i), true, false, false, arguments);
                    done.get(i).complete(true);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "Declaring owner queue {0} ahead of its bid failed: {1}", queues.get(i),
                            e.getMessage());
                } finally {
                    done.get(i).complete(false);
                }
            }
        } finally {
            // Whatever happened above, no bid may wait for a queue of this stripe any longer.
            for (int i = first; i < queues.size(); i += STRIPES) {
                done.get(i).complete(false);
            }
            if (ch != null) {
                try {
                    ch.abort();
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "Closing a channel of the owner declares failed", e);
                }
            }
        }
    }

    /** What became of one queue's declare ahead. */
    enum Outcome {
        /** The broker declared the queue: the bid need not. */
        DECLARED,
        /** Failed, or not answered in time: the bid declares the queue itself. */
        LEFT_TO_BID,
        /** The waiting thread was interrupted (its flag is set again): make no more bids. */
        INTERRUPTED
    }

    /** Waits for one queue's declare ahead, at most {@code millis}. */
    static Outcome await(CompletableFuture<Boolean> declared, long millis) {
        try {
            return declared.get(millis, TimeUnit.MILLISECONDS) ? Outcome.DECLARED : Outcome.LEFT_TO_BID;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.INTERRUPTED;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Outcome.LEFT_TO_BID;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
