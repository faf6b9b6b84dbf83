package dev.roger.client.cluster;

import jakarta.json.spi.JsonProvider;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.roger.api.ControlResult;
import dev.roger.api.StateUnavailableException;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.amqp.Errors;
import dev.roger.state.StateCodec;
import dev.roger.state.StateReply;
import dev.roger.state.StateRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Request/reply over AMQP with direct reply-to: requests to the owner of a partition's state
 * (through its single-active-consumer queue) and commands to every node (through the control
 * fanout exchange). One channel, serialized publishes; replies are matched by correlation id.
 */
public final class ClusterCalls implements AutoCloseable {

    /** Looked up once: {@code Json.create…} finds the provider again on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final String DIRECT_REPLY_TO = "amq.rabbitmq.reply-to";

    private final Supplier<Connection> connection;
    private final BrokerNames names;
    private final Duration stateTimeout;
    private final Duration controlTimeout;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private Channel channel;

    private sealed interface Pending permits StateCall, ControlCall {
    }

    private record StateCall(String partition, CompletableFuture<StateReply> reply) implements Pending {
    }

    private record ControlCall(int expected, Map<String, JsonObject> answers, CompletableFuture<Void> done)
            implements Pending {
    }

    /**
     * The nodes' answers to a command.
     *
     * @param answers  each answering node's reply ({@code node}, and {@code result} or {@code error}), by node name
     * @param expected how many answers were expected (the live nodes, or 1 for a command to one node)
     */
    public record Answers(Map<String, JsonObject> answers, int expected) {
        public Answers {
            answers = Map.copyOf(answers);
        }

        public ControlResult result() {
            return new ControlResult(answers.keySet().stream().sorted().toList(), expected);
        }
    }

    /**
     * @param connection     gives the open connection, or throws an unchecked exception saying why there is none
     * @param names          the cluster's names: its owners' queues, its control exchange, its members queue
     * @param stateTimeout   how long to wait for a partition owner's answer
     * @param controlTimeout how long to collect the nodes' answers to a command
     */
    public ClusterCalls(Supplier<Connection> connection, BrokerNames names, Duration stateTimeout,
                        Duration controlTimeout) {
        this.connection = connection;
        this.names = names;
        this.stateTimeout = stateTimeout;
        this.controlTimeout = controlTimeout;
    }

    /**
     * Asks the owner of {@code partition}'s state and waits for the answer.
     *
     * @throws StateUnavailableException when no owner answered in time
     */
    public StateReply ask(String partition, StateRequest request) {
        try {
            return askAsync(partition, request).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StateUnavailableException s) {
                throw new StateUnavailableException(s.getMessage(), s);
            }
            throw unavailable(partition, Errors.describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(partition, "interrupted", e);
        }
    }

    /** Asks the owner of {@code partition}'s state; the future fails with {@link StateUnavailableException}. */
    public CompletableFuture<StateReply> askAsync(String partition, StateRequest request) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<StateReply> reply = new CompletableFuture<>();
        pending.put(id, new StateCall(partition, reply));
        // The message expires with the wait, so an owner that appears later does not act on a
        // request whose asker has already reported failure.
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().correlationId(id).replyTo(DIRECT_REPLY_TO)
                .expiration(Long.toString(stateTimeout.toMillis())).contentType("application/json").build();
        try {
            publish("", names.ownerQueue(partition), true, props, StateCodec.encode(request));
        } catch (IOException | RuntimeException e) {
            pending.remove(id);
            reply.completeExceptionally(unavailable(partition, Errors.describe(e), e));
            return reply;
        }
        return reply.orTimeout(stateTimeout.toMillis(), TimeUnit.MILLISECONDS).handle((r, e) -> {
            pending.remove(id);
            if (e == null) {
                return r;
            }
            Throwable cause = e instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : e;
            if (cause instanceof StateUnavailableException s) {
                throw s;
            }
            if (cause instanceof TimeoutException) {
                throw unavailable(partition, "no answer within " + stateTimeout.toMillis()
                        + " ms: no node that runs the partition is reachable, or ownership is moving", null);
            }
            throw unavailable(partition, Errors.describe(cause), cause);
        });
    }

    /**
     * Sends a command to every node of the cluster and collects answers until every live node of
     * it answered or the control timeout passed.
     *
     * @throws StateUnavailableException when the command could not be sent at all
     */
    public ControlResult broadcast(ControlCommand command) {
        return collect(command).result();
    }

    /**
     * Sends a command over the control exchange and collects the answers: from every live node,
     * or, for a command to one node ({@link ControlCommand#node()}), from that node alone, until
     * all came or the control timeout (plus the command's {@code waitMillis}) passed.
     *
     * @throws StateUnavailableException when the command could not be sent at all
     */
    public Answers collect(ControlCommand command) {
        String id = UUID.randomUUID().toString();
        int expected;
        ControlCall call;
        try {
            synchronized (this) {
                int live = channel().queueDeclare(names.membersQueue(), true, false, false, null).getConsumerCount();
                expected = command.node() != null ? 1 : live;
                call = new ControlCall(expected, new java.util.HashMap<>(), new CompletableFuture<>());
                if (live == 0) {
                    return new Answers(Map.of(), expected);
                }
                pending.put(id, call);
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().correlationId(id)
                        .replyTo(DIRECT_REPLY_TO).contentType("application/json")
                        .expiration(Long.toString(controlTimeout.toMillis())).build();
                channel().basicPublish(names.controlExchange(), "", props, command.encode());
                // The message must reach the nodes within the control timeout; their answers may
                // take the command's wait on top.
            }
        } catch (IOException | RuntimeException e) {
            pending.remove(id);
            throw new StateUnavailableException("Roger could not send '" + command.command() + "' to the nodes: "
                    + Errors.describe(e), e);
        }
        try {
            call.done().get(controlTimeout.toMillis() + command.waitMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Whoever answered in time.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pending.remove(id);
        }
        synchronized (call) {
            return new Answers(call.answers(), expected);
        }
    }

    /** The body of a node's answer to a control command that returns nothing. */
    public static byte[] controlReply(String node) {
        return controlReply(node, null, null);
    }

    /**
     * The body of a node's answer: its name, and what the command returned or why it failed
     * ({@code error}, with the exception's simple class name in {@code errorType}).
     */
    public static byte[] controlReply(String node, jakarta.json.JsonValue result, RuntimeException error) {
        jakarta.json.JsonObjectBuilder b = JSON.createObjectBuilder().add("node", node);
        if (result != null) {
            b.add("result", result);
        }
        if (error != null) {
            b.add("error", String.valueOf(error.getMessage())).add("errorType", error.getClass().getSimpleName());
        }
        return b.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private synchronized void publish(String exchange, String key, boolean mandatory, AMQP.BasicProperties props,
                                      byte[] body) throws IOException {
        channel().basicPublish(exchange, key, mandatory, props, body);
    }

    private Channel channel() throws IOException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        Channel ch = connection.get().createChannel();
        if (ch == null) {
            throw new IOException("the connection has no free channel (channel_max reached)");
        }
        ch.exchangeDeclare(names.controlExchange(), "fanout", true);
        ch.addReturnListener(r -> {
            Pending p = pending.remove(r.getProperties().getCorrelationId());
            if (p instanceof StateCall s) {
                s.reply().completeExceptionally(unavailable(s.partition(),
                        "no node has run the partition yet (there is no queue " + r.getRoutingKey() + ")", null));
            }
        });
        ch.basicConsume(DIRECT_REPLY_TO, true, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                onReply(props.getCorrelationId(), body);
            }

            @Override
            public void handleShutdownSignal(String tag, ShutdownSignalException sig) {
                failAll("the channel closed: " + sig.getMessage());
            }
        });
        channel = ch;
        return ch;
    }

    private void onReply(String correlationId, byte[] body) {
        Pending p = correlationId == null ? null : pending.get(correlationId);
        if (p instanceof StateCall s) {
            pending.remove(correlationId);
            try {
                s.reply().complete(StateCodec.decodeReply(body));
            } catch (RuntimeException e) {
                s.reply().completeExceptionally(unavailable(s.partition(), "unreadable answer: " + e.getMessage(), e));
            }
        } else if (p instanceof ControlCall c) {
            JsonObject answer;
            String node;
            try (JsonReader r = JSON.createReader(new ByteArrayInputStream(body))) {
                answer = r.readObject();
                node = answer.getString("node");
            } catch (RuntimeException e) {
                return;
            }
            synchronized (c) {
                c.answers().putIfAbsent(node, answer);
                if (c.answers().size() >= c.expected()) {
                    c.done().complete(null);
                }
            }
        }
    }

    private void failAll(String why) {
        pending.forEach((id, p) -> {
            if (p instanceof StateCall s && pending.remove(id, p)) {
                s.reply().completeExceptionally(unavailable(s.partition(), why, null));
            }
        });
    }

    private static StateUnavailableException unavailable(String partition, String why, Throwable cause) {
        return new StateUnavailableException("The owner of partition " + partition + "'s global state is "
                + "unavailable (" + why + "); nothing was changed, retry later", cause);
    }

    @Override
    public synchronized void close() {
        failAll("the client is closing");
        if (channel != null && channel.isOpen()) {
            try {
                channel.abort();
            } catch (IOException | RuntimeException ignored) {
                // Closing anyway.
            }
        }
        channel = null;
    }
}
