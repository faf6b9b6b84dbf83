package dev.roger.wildfly.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any test: resolves the broker ({@code ROGER_AMQP_URI}, else 127.0.0.1:5672) and hands
 * it, the prepared base directory and the port offset to the WildFly that Arquillian starts. After
 * the last test, when the servers are down, deletes the queues of the partitions the tests used.
 */
public final class WildFlySession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String uri = brokerUri();
        System.setProperty("roger.amqp.uri", uri);
        System.setProperty("wildfly.management.port", Integer.toString(WildFly.MANAGEMENT_PORT + WildFly.offset(1)));
        System.setProperty("arq.container.wildfly.configuration.javaVmArguments", WildFly.jvmOptions(1, uri));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestPartitions.deleteAll();
    }

    private static String brokerUri() {
        String fromEnv = System.getenv("ROGER_AMQP_URI");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
            return "amqp://guest:guest@127.0.0.1:5672";
        } catch (IOException e) {
            throw new IllegalStateException("No RabbitMQ for the tests: set ROGER_AMQP_URI "
                    + "(amqp://user:pass@host:port/vhost) or start one on 127.0.0.1:5672");
        }
    }

    public static Path arquillianDir() {
        return Path.of(System.getProperty("arquillian.dir", "target/arquillian"));
    }
}
