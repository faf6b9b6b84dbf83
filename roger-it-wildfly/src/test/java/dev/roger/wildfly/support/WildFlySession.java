package dev.roger.wildfly.support;

import dev.roger.testing.TestBroker;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any test: resolves the broker ({@link TestBroker}: {@code ROGER_AMQP_URI}, else 127.0.0.1:5672) and hands
 * it, the prepared base directory and the port offset to the WildFly that Arquillian starts. After
 * the last test, when the servers are down, deletes the queues of the partitions the tests used.
 */
public final class WildFlySession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String uri = TestBroker.uri();
        System.setProperty("roger.amqp.uri", uri);
        System.setProperty("wildfly.management.port", Integer.toString(WildFly.MANAGEMENT_PORT + WildFly.offset(1)));
        System.setProperty("arq.container.wildfly.configuration.javaVmArguments", WildFly.jvmOptions(1, uri));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestPartitions.deleteAll();
    }


    public static Path arquillianDir() {
        return Path.of(System.getProperty("arquillian.dir", "target/arquillian"));
    }
}
