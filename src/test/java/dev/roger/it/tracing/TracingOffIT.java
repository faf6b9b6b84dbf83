package dev.roger.it.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.GetResponse;
import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerClient;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.RuntimePartitions;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that sets up no OpenTelemetry SDK of its own: jobs enqueue, run and retry as
 * before. On Payara Micro such an application still has the server's MicroProfile Telemetry
 * OpenTelemetry, which Roger is handed; what that records is logged here, not asserted (it is the
 * server's business). The path with no SDK at all is covered by the client's unit tests.
 */
@ExtendWith(ArquillianExtension.class)
class TracingOffIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("tracing-off", TracedJobBean.class, Runs.class, Runs.Run.class,
                RuntimePartitions.class);
    }

    @Inject
    RogerClient roger;

    @Inject
    RogerAdmin admin;

    @Inject
    Runs runs;

    @Test
    void jobsRunAndRetryWithoutTraceHeaders() {
        String running = "tf" + Long.toString(System.nanoTime(), 36);
        String idle = "tf" + Long.toString(System.nanoTime() + 1, 36);
        try (Broker broker = Broker.connect()) {
            try {
                RuntimePartitions.startAndAwaitConsumers(admin, running, "default=2", WAIT);
                Job job = roger.enqueue(running, Job.builder("tr-job").args("fail-once").build());
                Await.until("two runs of " + job.id(), WAIT, () -> runs.of(job.id()).size() == 2);
                System.out.println("TracingOffIT: span current in the bean: " + runs.of(job.id()).get(1).currentSpanId());

                Job kept = roger.enqueue(idle, Job.builder("tr-job").args("ok").build());
                GetResponse message = Await.value("the message of " + kept.id(), WAIT,
                        () -> broker.take(Names.mainQueue(idle, "default")));
                assertEquals(kept.id(), message.getProps().getMessageId());
                System.out.println("TracingOffIT: headers of an enqueued message: " + message.getProps().getHeaders());
            } finally {
                try {
                    admin.stopPartition(admin.localNode().orElseThrow(), running);
                } catch (RuntimeException ignored) {
                    // Not running.
                }
                for (String p : new String[] {running, idle}) {
                    String main = Names.mainQueue(p, "default");
                    broker.delete(main, Names.buriedQueue(p, "default"), main + ".retry.1", Names.ownerQueue(p));
                }
            }
        }
    }
}
