package dev.roger.bench.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.roger.bench.BenchFailure;
import dev.roger.client.amqp.AmqpSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;

/**
 * The benchmark's own AMQP connection, for housekeeping only: the broker's version, and deleting
 * the queues a case made. Deletes run on several channels at once, because deleting a quorum queue
 * takes the broker milliseconds and the many-tenants case leaves two thousand of them.
 */
public final class Broker implements AutoCloseable {

    private static final int DELETE_THREADS = 8;

    private final ConnectionFactory factory;
    private final Connection connection;
    private final String redactedUri;

    private Broker(ConnectionFactory factory, Connection connection, String redactedUri) {
        this.factory = factory;
        this.connection = connection;
        this.redactedUri = redactedUri;
    }

    /**
     * Connects, failing at once rather than retrying in the background.
     *
     * @throws BenchFailure when the broker does not answer
     */
    public static Broker connect(String uri) {
        ConnectionFactory factory = AmqpSettings.ofUri(uri).newConnectionFactory();
        factory.setAutomaticRecoveryEnabled(false);
        try {
            return new Broker(factory, factory.newConnection("roger-bench-admin"), AmqpSettings.redact(uri));
        } catch (IOException | TimeoutException e) {
            throw new BenchFailure("Cannot connect to RabbitMQ at " + AmqpSettings.redact(uri) + " (" + e
                    + "). Is it running? Set ROGER_AMQP_URI for another broker (no trailing slash: that means the "
                    + "empty vhost).", e);
        }
    }

    /** The broker's version, as it announces it on connecting. */
    public String version() {
        Object v = connection.getServerProperties().get("version");
        return v == null ? "unknown" : v.toString();
    }

    /**
     * Deletes the queues with their messages; missing ones are fine.
     *
     * @throws BenchFailure when a delete fails for another reason
     */
    public void deleteQueues(Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        List<String> all = List.copyOf(names);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(DELETE_THREADS, all.size()));
        try {
            List<Future<?>> parts = new ArrayList<>();
            int per = (all.size() + DELETE_THREADS - 1) / DELETE_THREADS;
            for (int from = 0; from < all.size(); from += per) {
                List<String> part = all.subList(from, Math.min(all.size(), from + per));
                parts.add(pool.submit(() -> {
                    deleteOnOwnChannel(part);
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get(10, TimeUnit.MINUTES);
            }
        } catch (ExecutionException e) {
            throw new BenchFailure("Cannot delete the benchmark's queues on " + redactedUri + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new BenchFailure("Deleting " + all.size() + " queues on " + redactedUri + " took over 10 minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("Interrupted while deleting queues", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void deleteOnOwnChannel(List<String> names) throws IOException, TimeoutException {
        Channel channel = connection.createChannel();
        try {
            for (String name : names) {
                channel.queueDelete(name);
            }
        } finally {
            if (channel.isOpen()) {
                channel.close();
            }
        }
    }

    /**
     * Reads every queue's counts with a passive declare, one after another on one channel, and
     * returns how long that took in nanoseconds: the floor of what reading their counts costs.
     */
    public long timePassiveDeclares(java.util.List<String> queues) {
        try {
            Channel channel = connection.createChannel();
            try {
                long start = System.nanoTime();
                for (String queue : queues) {
                    channel.queueDeclarePassive(queue);
                }
                return System.nanoTime() - start;
            } finally {
                if (channel.isOpen()) {
                    channel.close();
                }
            }
        } catch (IOException | TimeoutException e) {
            throw new BenchFailure("Cannot read the queues' counts: " + e, e);
        }
    }

    /**
     * The broker's own time to create these durable queues, each with the arguments its name maps
     * to, {@code threads} declares at a time from one connection (the reference for how fast any
     * client can start that many tenants), then deletes them.
     *
     * @param brokerCpuNanos the broker's CPU time so far, negative when it cannot be read
     * @return from the first declare until the last one was answered: the time, and the broker's
     *         CPU time meanwhile (negative when it cannot be read)
     */
    public Timed timeDeclares(java.util.Map<String, java.util.Map<String, Object>> queues, int threads,
                              java.util.function.LongSupplier brokerCpuNanos) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            long cpuBefore = brokerCpuNanos.getAsLong();
            long start = System.nanoTime();
            java.util.List<String> names = java.util.List.copyOf(queues.keySet());
            forEachOnChannels(pool, names, (ch, q) -> ch.queueDeclare(q, true, false, false, queues.get(q)));
            long took = System.nanoTime() - start;
            long cpuAfter = brokerCpuNanos.getAsLong();
            forEachOnChannels(pool, names, (ch, q) -> ch.queueDelete(q));
            return new Timed(took, cpuBefore >= 0 && cpuAfter >= 0 ? cpuAfter - cpuBefore : -1);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What starting these tenants asks of the broker, done by a bare client: every queue declared
     * as {@link #timeDeclares} does, and right after its declare each main queue consumed on a
     * channel of its own with a prefetch of {@code prefetch}, each other (owner) queue consumed on
     * its worker's one consuming channel, at most {@code channelsPerConnection} channels per
     * connection, as Roger spreads its consumers. Timed until the last consumer was registered;
     * then the connections are closed and the queues deleted. The reference for how fast any client
     * can start them, without reading state or running anything.
     *
     * @param mainQueues the queues of {@code queues} that get a channel of their own
     */
    public Timed timeStartWork(java.util.Map<String, java.util.Map<String, Object>> queues,
                               java.util.Set<String> mainQueues, int prefetch, int threads, int channelsPerConnection,
                               java.util.function.LongSupplier brokerCpuNanos) {
        java.util.List<String> names = java.util.List.copyOf(queues.keySet());
        ConsumerChannels consumers = new ConsumerChannels(channelsPerConnection);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            long cpuBefore = brokerCpuNanos.getAsLong();
            long start = System.nanoTime();
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            java.util.List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    Channel declaring = connection.createChannel();
                    Channel owners = consumers.open();
                    try {
                        for (int i = next.getAndIncrement(); i < names.size(); i = next.getAndIncrement()) {
                            String q = names.get(i);
                            declaring.queueDeclare(q, true, false, false, queues.get(q));
                            Channel on = owners;
                            if (mainQueues.contains(q)) {
                                on = consumers.open();
                                on.basicQos(prefetch);
                            }
                            on.basicConsume(q, false, new com.rabbitmq.client.DefaultConsumer(on));
                        }
                    } finally {
                        if (declaring.isOpen()) {
                            declaring.close();
                        }
                    }
                    return null;
                }));
            }
            awaitAll(workers, "Starting the reference consumers");
            long took = System.nanoTime() - start;
            long cpuAfter = brokerCpuNanos.getAsLong();
            consumers.close();
            deleteQueues(names);
            return new Timed(took, cpuBefore >= 0 && cpuAfter >= 0 ? cpuAfter - cpuBefore : -1);
        } finally {
            pool.shutdownNow();
            consumers.close();
        }
    }

    /** Channels on connections of their own, a new connection every {@code perConnection} channels. */
    private final class ConsumerChannels {
        private final int perConnection;
        private final java.util.List<Connection> connections = new java.util.ArrayList<>();
        private int onLast;

        ConsumerChannels(int perConnection) {
            this.perConnection = perConnection;
        }

        synchronized Channel open() throws IOException, TimeoutException {
            if (connections.isEmpty() || onLast == perConnection) {
                connections.add(factory.newConnection("roger-bench-reference#" + (connections.size() + 1)));
                onLast = 0;
            }
            onLast++;
            return connections.get(connections.size() - 1).createChannel();
        }

        synchronized void close() {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (IOException | RuntimeException e) {
                    // Already closed, or the broker went away: the queues' deletion says so.
                }
            }
            connections.clear();
        }
    }

    /** How long something took on the broker, and the broker's CPU time meanwhile (negative: unknown). */
    public record Timed(long wallNanos, long cpuNanos) {
    }

    private interface QueueAction {
        void apply(Channel channel, String queue) throws IOException;
    }

    private void forEachOnChannels(java.util.concurrent.ExecutorService pool, java.util.List<String> queues,
                                   QueueAction action) {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
        int threads = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                Channel channel = connection.createChannel();
                try {
                    for (int i = next.getAndIncrement(); i < queues.size(); i = next.getAndIncrement()) {
                        action.apply(channel, queues.get(i));
                    }
                } finally {
                    if (channel.isOpen()) {
                        channel.close();
                    }
                }
                return null;
            }));
        }
        awaitAll(workers, "Declaring the reference queues");
    }

    private static void awaitAll(java.util.List<java.util.concurrent.Future<?>> workers, String what) {
        try {
            for (java.util.concurrent.Future<?> w : workers) {
                w.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new BenchFailure(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("Interrupted: " + what, e);
        }
    }

    /**
     * Takes out of {@code pending} the queues that have at least {@code consumers} consumers now,
     * by passive declares in its order on one channel (the broker's live counts, for quorum queues
     * too), and stops after {@code misses} queues that have not, or do not exist yet: a poll costs
     * the broker a bounded amount however many queues are pending, and a queue once counted is
     * never asked again. (Polling with {@code rabbitmqctl list_consumers} instead started an
     * Erlang VM each time: half a second of CPU per call, a core of a two-core machine while
     * the start it timed ran.)
     */
    public void takeConsumed(java.util.Set<String> pending, int consumers, int misses) {
        int missed = 0;
        Channel channel = null;
        try {
            for (java.util.Iterator<String> it = pending.iterator(); it.hasNext() && missed < misses; ) {
                String queue = it.next();
                if (channel == null || !channel.isOpen()) {
                    channel = connection.createChannel();
                }
                try {
                    if (channel.queueDeclarePassive(queue).getConsumerCount() >= consumers) {
                        it.remove();
                    } else {
                        missed++;
                    }
                } catch (IOException e) {
                    // Not declared yet: the 404 closed the channel.
                    missed++;
                }
            }
        } catch (IOException e) {
            throw new BenchFailure("Cannot open a channel to read consumer counts: " + e, e);
        } finally {
            if (channel != null && channel.isOpen()) {
                try {
                    channel.close();
                } catch (IOException | TimeoutException e) {
                    // Done with it either way.
                }
            }
        }
    }

    /** Messages ready in a queue (not counting those delivered and unacknowledged). */
    public long readyMessages(String queue) {
        try {
            Channel channel = connection.createChannel();
            try {
                return channel.queueDeclarePassive(queue).getMessageCount();
            } finally {
                if (channel.isOpen()) {
                    channel.close();
                }
            }
        } catch (IOException | TimeoutException e) {
            throw new BenchFailure("Cannot read the length of queue " + queue + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close(5000);
        } catch (IOException | RuntimeException e) {
            // Closing at the end: the broker went away or the connection already closed; nothing to release.
        }
    }
}
