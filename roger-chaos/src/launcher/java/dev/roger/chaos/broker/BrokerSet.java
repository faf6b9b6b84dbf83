package dev.roger.chaos.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.roger.chaos.ChaosFailure;
import dev.roger.client.amqp.AmqpSettings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The RabbitMQ nodes of one phase of the suite: a single node, or the members of a cluster. The
 * nodes and the producer reach them through one AMQP URI listing every member, and the launcher
 * asks whichever member answers what the broker sees (consumers, queue lengths).
 */
public final class BrokerSet {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final List<RabbitNode> nodes;
    private volatile int preferred;

    private BrokerSet(List<RabbitNode> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** One broker node, started fresh. @throws ChaosFailure when it does not start (it is stopped then) */
    public static BrokerSet single(RabbitNode node) {
        BrokerSet set = new BrokerSet(List.of(node));
        try {
            node.startFresh(START_TIMEOUT);
        } catch (RuntimeException e) {
            set.stop();
            throw e;
        }
        return set;
    }

    /**
     * A cluster: every node started fresh, then each one after the first joined to it
     * ({@code stop_app}, {@code join_cluster}, {@code start_app}), then checked to see all of them.
     */
    public static BrokerSet cluster(List<RabbitNode> nodes) {
        BrokerSet set = new BrokerSet(nodes);
        try {
            set.form();
        } catch (RuntimeException e) {
            set.stop();
            throw e;
        }
        return set;
    }

    /** Starts every member fresh (at once), joins the others to the first, and checks they all run. */
    private void form() {
        List<Thread> starts = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (RabbitNode node : nodes) {
            Thread t = new Thread(() -> {
                try {
                    node.startFresh(START_TIMEOUT);
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "start-" + node.nodeName());
            t.start();
            starts.add(t);
        }
        for (Thread t : starts) {
            join(t);
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        RabbitNode first = nodes.get(0);
        for (RabbitNode node : nodes.subList(1, nodes.size())) {
            node.ctl("stop_app");
            node.ctl("join_cluster", first.nodeName());
            node.ctl("start_app");
            node.awaitRunning(START_TIMEOUT);
        }
        List<String> running = runningMembers();
        if (running.size() != nodes.size()) {
            throw new ChaosFailure("The cluster has " + running.size() + " running members (" + running + "), not "
                    + nodes.size());
        }
    }

    public List<RabbitNode> nodes() {
        return nodes;
    }

    /** {@code amqp://guest:guest@127.0.0.1:p1,127.0.0.1:p2,...}: every member, for Roger's multi-address URIs. */
    public String amqpUri() {
        return amqpUri(nodes);
    }

    /** The URI of {@link #amqpUri()} for these nodes, before they run. */
    public static String amqpUri(List<RabbitNode> nodes) {
        return "amqp://guest:guest@" + nodes.stream().map(RabbitNode::amqpAddress).collect(Collectors.joining(","));
    }

    /** The running members, as the first member that answers sees them. */
    public List<String> runningMembers() {
        for (RabbitNode node : nodes) {
            if (node.answers()) {
                String out = node.ctl("cluster_status", "--formatter", "json");
                try (JsonReader reader = Json.createReader(new StringReader(out))) {
                    return strings(reader.readObject().get("running_nodes"));
                }
            }
        }
        throw new ChaosFailure("No member of " + nodes + " reports its cluster status");
    }

    /**
     * A {@code rabbitmqctl} listing from the first member that answers, starting with the one that
     * answered last (a stopped or killed member costs a failed call only once).
     *
     * @throws ChaosFailure when no member answers
     */
    private JsonArray ctlJson(String... args) {
        ChaosFailure last = null;
        for (int i = 0; i < nodes.size(); i++) {
            int k = (preferred + i) % nodes.size();
            try {
                JsonArray out = nodes.get(k).ctlJson(args);
                preferred = k;
                return out;
            } catch (ChaosFailure e) {
                last = e;
            }
        }
        throw new ChaosFailure("No RabbitMQ node of " + nodes + " answers: " + last.getMessage(), last);
    }

    /**
     * Consumers per queue, as the queues themselves report them on a passive declare (cheaper
     * than a {@code rabbitmqctl} call, and live); 0 for a queue that is missing or unreachable.
     */
    public Map<String, Integer> consumers(List<String> queues) {
        Map<String, Integer> counts = new HashMap<>();
        queues.forEach(q -> counts.put(q, 0));
        ConnectionFactory factory = AmqpSettings.ofUri(amqpUri()).newConnectionFactory();
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection("roger-chaos-probe")) {
            for (String queue : queues) {
                Channel channel = connection.createChannel();
                try {
                    counts.put(queue, channel.queueDeclarePassive(queue).getConsumerCount());
                } catch (IOException e) {
                    // Missing (404 closes the channel) or its leader is away: no consumer to count.
                } finally {
                    if (channel.isOpen()) {
                        channel.abort();
                    }
                }
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // The broker is down or restarting: nobody consumes through it.
        }
        return counts;
    }

    /** Every queue's name, messages (ready + unacknowledged), members (quorum) and leader. */
    public List<QueueInfo> queues() {
        List<QueueInfo> out = new ArrayList<>();
        for (JsonValue v : ctlJson("list_queues", "name", "messages", "type", "members", "online",
                "leader")) {
            JsonObject q = v.asJsonObject();
            JsonValue messages = q.get("messages");
            JsonValue leader = q.get("leader");
            out.add(new QueueInfo(q.getString("name"),
                    messages != null && messages.getValueType() == JsonValue.ValueType.NUMBER
                            ? q.getJsonNumber("messages").longValue() : 0,
                    q.getString("type", ""), strings(q.get("members")), strings(q.get("online")),
                    leader != null && leader.getValueType() == JsonValue.ValueType.STRING ? q.getString("leader") : ""));
        }
        return out;
    }

    private static List<String> strings(JsonValue list) {
        return list != null && list.getValueType() == JsonValue.ValueType.ARRAY
                ? list.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                : List.of();
    }

    /**
     * A queue as {@code list_queues} shows it.
     *
     * @param messages ready and unacknowledged
     * @param members  a quorum queue's members (empty for a classic queue)
     * @param online   the members that are up
     * @param leader   a quorum queue's leader
     */
    public record QueueInfo(String name, long messages, String type, List<String> members, List<String> online,
                            String leader) {
    }

    /**
     * The member each client connection whose client-given name starts with {@code namePrefix}
     * is connected to (by the AMQP port it uses), by that name: Roger's nodes name theirs
     * {@code roger@<node>}, and extra consumer connections {@code roger@<node>#2} and on.
     */
    public Map<String, String> connections(String namePrefix) {
        Map<Integer, String> byPort = new HashMap<>();
        nodes.forEach(n -> byPort.put(n.amqpPort(), n.nodeName()));
        Map<String, String> members = new HashMap<>();
        for (JsonValue v : ctlJson("list_connections", "port", "client_properties")) {
            JsonObject c = v.asJsonObject();
            String member = c.get("port") instanceof JsonNumber n ? byPort.get(n.intValue()) : null;
            String name = connectionName(c.get("client_properties"));
            if (member != null && name.startsWith(namePrefix)) {
                members.put(name, member);
            }
        }
        return members;
    }

    /** client_properties comes as [[key, type, value], ...]. */
    private static String connectionName(JsonValue properties) {
        if (properties == null || properties.getValueType() != JsonValue.ValueType.ARRAY) {
            return "";
        }
        for (JsonValue p : properties.asJsonArray()) {
            JsonArray kv = p.asJsonArray();
            if (kv.size() == 3 && "connection_name".equals(kv.getString(0, ""))) {
                return kv.getString(2, "");
            }
        }
        return "";
    }

    /** Stops every member (never the machine's own broker: each command names the member). */
    public void stop() {
        for (RabbitNode node : nodes) {
            try {
                node.stop();
            } catch (ChaosFailure e) {
                System.out.println("Warning: " + e.getMessage());
            }
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosFailure("Interrupted while starting RabbitMQ", e);
        }
    }
}
