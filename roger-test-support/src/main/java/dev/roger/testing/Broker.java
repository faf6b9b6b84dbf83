package dev.roger.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Looks at and changes the broker directly, as a test's independent witness: queue facts,
 * messages in a queue, raw publishes, clean-up.
 */
public final class Broker implements AutoCloseable {

    private final Connection connection;

    private Broker(Connection connection) {
        this.connection = connection;
    }

    public static Broker connect() {
        try {
            ConnectionFactory cf = new ConnectionFactory();
            // In a node's JVM the tests pass the broker as roger.amqp.uri; in the test JVM it may be unset.
            String uri = System.getProperty("roger.amqp.uri");
            cf.setUri(uri != null && !uri.isBlank() ? uri : TestBroker.uri());
            cf.setAutomaticRecoveryEnabled(false);
            return new Broker(cf.newConnection("roger-test-probe"));
        } catch (Exception e) {
            throw new IllegalStateException("test probe cannot reach RabbitMQ: " + e, e);
        }
    }

    /** The broker's version as it tells it when connecting, e.g. {@code 3.10.8} or {@code 4.0.5}. */
    public String serverVersion() {
        Object v = connection.getServerProperties().get("version");
        return v == null ? "" : v.toString();
    }

    /** The major version of the broker, e.g. 3 or 4; 0 when it does not tell. */
    public int majorVersion() {
        String v = serverVersion();
        int dot = v.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Takes the next message of a queue without acking it, then closes the channel, as a consumer
     * dying with the message would: the broker takes it back and counts the return.
     *
     * @return whether there was a message to take
     */
    public boolean takeAndDrop(String queue) {
        try {
            Channel ch = connection.createChannel();
            try {
                return ch.basicGet(queue, false) != null;
            } finally {
                ch.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot take from " + queue + ": " + e, e);
        }
    }

    /** Message and consumer counts, or null when the queue does not exist. */
    public AMQP.Queue.DeclareOk queue(String name) {
        try (Channel ch = connection.createChannel()) {
            return ch.queueDeclarePassive(name);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Declares a classic queue exclusive to this probe's connection, as another application might
     * hold one: any other connection's declare or consume of it is refused (RESOURCE_LOCKED) until
     * this probe closes, which deletes it.
     */
    public void declareExclusive(String name) {
        try {
            Channel ch = connection.createChannel();
            ch.queueDeclare(name, false, true, false, java.util.Map.of("x-queue-type", "classic"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot declare " + name + ": " + e, e);
        }
    }

    public int consumers(String queue) {
        AMQP.Queue.DeclareOk ok = queue(queue);
        return ok == null ? -1 : ok.getConsumerCount();
    }

    /**
     * The prefetch count of each consumer of a queue, read with {@code rabbitmqctl} (AMQP does not
     * tell it). Empty where this machine has no rabbitmqctl (a Testcontainers broker).
     */
    public static java.util.Optional<List<Integer>> prefetchCounts(String queue) {
        return RabbitCli.run("list_consumers", "-q", "queue_name", "prefetch_count")
                .map(out -> out.lines().map(l -> l.split("\\s+")).filter(f -> f.length == 2 && f[0].equals(queue))
                        .map(f -> Integer.parseInt(f[1])).toList());
    }

    /** The client-given names of the broker's connections, with rabbitmqctl where this machine has it. */
    public static java.util.Optional<List<String>> connectionNames() {
        return RabbitCli.run("list_connections", "-q", "client_properties").map(out -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"connection_name\",(?:longstr,)?\"([^\"]*)\"")
                    .matcher(out);
            List<String> names = new ArrayList<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        });
    }

    public int messages(String queue) {
        AMQP.Queue.DeclareOk ok = queue(queue);
        return ok == null ? -1 : ok.getMessageCount();
    }

    /**
     * The arguments Roger declares a quorum main queue of the default cluster with, as the tests
     * expect them: a quorum queue dead-lettering at least once to {@code roger.dead-lettered}.
     */
    public static final Map<String, Object> QUORUM_MAIN_QUEUE = Map.of("x-queue-type", "quorum",
            "x-dead-letter-exchange", "", "x-dead-letter-routing-key", "roger.dead-lettered",
            "x-dead-letter-strategy", "at-least-once", "x-overflow", "reject-publish");

    /**
     * Whether the queue exists, durable and with these arguments. A missing queue is false and stays
     * missing: the passive declare comes first, and only an existing queue is redeclared with exactly
     * these properties, which the broker refuses unless they match what it has.
     */
    public boolean isDurable(String queue, Map<String, Object> arguments) {
        if (queue(queue) == null) {
            return false;
        }
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclare(queue, true, false, false, arguments);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Takes every message from a queue (acknowledging them). */
    public List<GetResponse> drain(String queue) {
        List<GetResponse> all = new ArrayList<>();
        try (Channel ch = connection.createChannel()) {
            GetResponse r;
            while ((r = ch.basicGet(queue, true)) != null) {
                all.add(r);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + queue + ": " + e, e);
        }
        return all;
    }

    /**
     * The message ids in a queue, read without removing anything: the messages are taken
     * unacknowledged and go back, in their order, when the reading channel closes.
     */
    public List<String> messageIds(String queue) {
        List<String> ids = new ArrayList<>();
        try (Channel ch = connection.createChannel()) {
            GetResponse r;
            while ((r = ch.basicGet(queue, false)) != null) {
                ids.add(r.getProps().getMessageId());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + queue + ": " + e, e);
        }
        return ids;
    }

    /** Takes one message, leaving it unacknowledged is not useful to tests: it is acknowledged. */
    public GetResponse take(String queue) {
        try (Channel ch = connection.createChannel()) {
            return ch.basicGet(queue, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + queue + ": " + e, e);
        }
    }

    /** Publishes raw bytes to a queue, as a foreign or broken producer would. */
    public void publish(String queue, String messageId, byte[] body) {
        publish(queue, new AMQP.BasicProperties.Builder().deliveryMode(2).messageId(messageId)
                .contentType("application/json").build(), body);
    }

    /** Publishes raw bytes with the given properties (confirmed). */
    public void publish(String queue, AMQP.BasicProperties properties, byte[] body) {
        try (Channel ch = connection.createChannel()) {
            ch.confirmSelect();
            ch.basicPublish("", queue, properties, body);
            ch.waitForConfirmsOrDie(5000);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + queue + ": " + e, e);
        }
    }

    /** Deletes queues, ignoring those that do not exist. */
    public void delete(String... queues) {
        for (String q : queues) {
            try (Channel ch = connection.createChannel()) {
                ch.queueDelete(q);
            } catch (Exception ignored) {
                // Not there: nothing to clean.
            }
        }
    }

    /** Deletes exchanges, ignoring those that do not exist. */
    public void deleteExchanges(String... exchanges) {
        for (String x : exchanges) {
            try (Channel ch = connection.createChannel()) {
                ch.exchangeDelete(x);
            } catch (Exception ignored) {
                // Not there: nothing to clean.
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | RuntimeException ignored) {
            // Closing a probe that lost its broker: nothing to do.
        }
    }
}
