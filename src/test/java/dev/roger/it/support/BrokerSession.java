package dev.roger.it.support;

import dev.roger.testing.TestBroker;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any test: resolves the broker and hands its URI to the tests ({@code roger.amqp.uri})
 * and to the Payara Micro JVMs that Arquillian starts (their command line options).
 */
public final class BrokerSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String uri = TestBroker.uri();
        System.setProperty("roger.amqp.uri", uri);
        System.setProperty("arq.container.payara-micro.configuration.cmdOptions", PayaraMicro.jvmOptions());
    }
}
