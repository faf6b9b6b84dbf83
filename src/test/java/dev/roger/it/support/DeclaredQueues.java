package dev.roger.it.support;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.Map;

/** Declares queues with arguments, as an operator would, and checks a queue's arguments by redeclaring it. */
public final class DeclaredQueues {

    private DeclaredQueues() {
    }

    /** Declares a durable queue with these arguments. */
    public static void declare(String queue, Map<String, Object> arguments) {
        try (Connection c = connect(); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, true, false, false, arguments);
        } catch (Exception e) {
            throw new IllegalStateException("cannot declare " + queue + " with " + arguments + ": " + e, e);
        }
    }

    /**
     * Whether the queue exists, durable, with exactly these arguments: the broker accepts a
     * redeclaration only when every argument it compares (type, bounds, TTL, dead-lettering) is the same.
     */
    public static boolean hasArguments(String queue, Map<String, Object> arguments) {
        try (Connection c = connect(); Channel ch = c.createChannel()) {
            ch.queueDeclarePassive(queue);
            ch.queueDeclare(queue, true, false, false, arguments);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static Connection connect() throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(System.getProperty("roger.amqp.uri", "amqp://guest:guest@127.0.0.1:5672"));
        cf.setAutomaticRecoveryEnabled(false);
        return cf.newConnection("roger-test-declare");
    }
}
