package dev.roger.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Finds the RabbitMQ the tests use: {@code ROGER_AMQP_URI}, else a broker answering on
 * 127.0.0.1:5672, else a Testcontainers RabbitMQ where Docker runs; else fails saying what to do.
 */
public final class TestBroker {

    private static String uri;

    private TestBroker() {
    }

    public static synchronized String uri() {
        if (uri == null) {
            uri = resolve();
        }
        return uri;
    }

    private static String resolve() {
        String fromEnv = System.getenv("ROGER_AMQP_URI");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        if (answers("127.0.0.1", 5672)) {
            return "amqp://guest:guest@127.0.0.1:5672";
        }
        if (dockerAvailable()) {
            return Containers.startRabbitMq();
        }
        throw new IllegalStateException("No RabbitMQ for the tests: set ROGER_AMQP_URI (amqp://user:pass@host:port/vhost), "
                + "or start one on 127.0.0.1:5672 (e.g. 'rabbitmq-server -detached'), or run Docker so Testcontainers "
                + "can start one.");
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Kept apart so Testcontainers classes load only when Docker is there. */
    private static final class Containers {
        @SuppressWarnings("resource")
        static String startRabbitMq() {
            var container = new org.testcontainers.containers.RabbitMQContainer("rabbitmq:3.10-management");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return container.getAmqpUrl().replace("amqp://", "amqp://guest:guest@");
        }
    }
}
