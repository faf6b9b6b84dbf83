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
        try {
            Process p = new ProcessBuilder("rabbitmqctl", "list_consumers", "-q", "queue_name", "prefetch_count")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("rabbitmqctl failed: " + out);
            }
            return java.util.Optional.of(out.lines().map(l -> l.split("\\s+")).filter(f -> f.length == 2 && f[0].equals(queue))
                    .map(f -> Integer.parseInt(f[1])).toList());
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The client-given names of the broker's connections, with rabbitmqctl where this machine has it. */
    public static java.util.Optional<List<String>> connectionNames() {
        try {
            Process p = new ProcessBuilder("rabbitmqctl", "list_connections", "-q", "client_properties")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("rabbitmqctl failed: " + out);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"connection_name\",(?:longstr,)?\"([^\"]*)\"")
                    .matcher(out);
            List<String> names = new ArrayList<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return java.util.Optional.of(names);
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int messages(String queue) {
        AMQP.Queue.DeclareOk ok = queue(queue);
        return ok == null ? -1 : ok.getMessageCount();
    }

    /**
     * Whether the queue exists, durable and of this type. A missing queue is false and stays
     * missing: the passive declare comes first, and only an existing queue is redeclared with exactly
     * these properties, which the broker refuses unless they match what it has.
     */
    public boolean isDurable(String queue, String type) {
        if (queue(queue) == null) {
            return false;
        }
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclare(queue, true, false, false, Map.of("x-queue-type", type));
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
