package dev.roger.it.quickstart;

import dev.roger.it.support.PayaraMicro;
import dev.roger.it.support.PayaraProcess;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.testing.Quickstart;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The quickstart in {@code examples/quickstart}, as a new user runs it: Payara Micro with
 * {@code roger-ra.rar} and the quickstart's WAR, a POST to its endpoint, and the job's greeting in
 * the node's log.
 */
class QuickstartIT {

    @AfterAll
    static void deleteQueues() {
        try (Broker broker = Broker.connect()) {
            broker.delete(Quickstart.QUEUES);
        }
    }

    @Test
    void aPostEnqueuesAWelcomeJobThatRuns() throws Exception {
        try (PayaraProcess node = PayaraProcess.start("quickstart", PayaraMicro.dir().resolve("quickstart.war"))) {
            String id = Quickstart.welcome("http://localhost:" + node.port() + "/quickstart/", "Ada");
            Await.until("the job greets Ada in the node's log", Duration.ofSeconds(30),
                    () -> node.log().contains(Quickstart.greeting(id, "Ada")));
        }
    }
}
