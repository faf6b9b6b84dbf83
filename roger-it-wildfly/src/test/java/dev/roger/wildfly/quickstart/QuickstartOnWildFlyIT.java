package dev.roger.wildfly.quickstart;

import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.testing.Quickstart;
import dev.roger.wildfly.support.WildFly;
import dev.roger.wildfly.support.WildFlySession;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quickstart in {@code examples/quickstart}, the WAR Maven builds there, unchanged, on WildFly
 * (set up with roger-wildfly.cli, the adapter deployed as roger-ra.rar): a POST enqueues, and the
 * job's greeting is in the server's log. The same WAR runs on Payara Micro in QuickstartIT.
 */
@ExtendWith(ArquillianExtension.class)
class QuickstartOnWildFlyIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                WildFlySession.arquillianDir().resolve("quickstart.war").toFile());
    }

    @AfterAll
    static void deleteQueues() {
        try (Broker broker = Broker.connect()) {
            broker.delete(Quickstart.QUEUES);
        }
    }

    @Test
    void aPostEnqueuesAWelcomeJobThatRuns() throws Exception {
        String id = Quickstart.welcome(base.toString(), "Ada");
        Await.until("the job greets Ada in the server's log", Duration.ofSeconds(30),
                () -> WildFly.logSinceBoot(1).stream().anyMatch(l -> l.contains(Quickstart.greeting(id, "Ada"))));
    }
}
