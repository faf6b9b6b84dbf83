package dev.roger.it.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.BuriedJob;
import dev.roger.api.Job;
import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerClient;
import dev.roger.api.admin.BuriedQuery;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.RuntimePartitions;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job whose deliveries keep ending without an ack (its consumer dies holding it, each time)
 * ends buried, never gone, on every broker: RabbitMQ 4.0 dead-letters it after 20 returns (its
 * default delivery limit, which drops the message where a quorum queue has no dead-letter target),
 * and Roger buries what arrives in {@code roger.dead-lettered}; RabbitMQ 3.10 has no such limit and
 * Roger's poison rule buries it when it comes to a node. Run against both brokers (docs/testing.md).
 */
@ExtendWith(ArquillianExtension.class)
class DeliveryLimitIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** One past RabbitMQ 4's default delivery limit of 20. */
    private static final int RETURNS = 21;

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("deliverylimit", LimitJobBean.class, LimitRuns.class)
                .addClasses(RuntimePartitions.class);
    }

    @Inject
    RogerClient roger;

    @Inject
    RogerAdmin admin;

    @Inject
    LimitRuns runs;

    @Test
    void aJobReturnedPastTheBrokersDeliveryLimitEndsBuriedNotGone() {
        String p = "dlim" + Long.toString(System.nanoTime(), 36);
        String main = p + "-default";
        try (Broker broker = Broker.connect()) {
            try {
                Job job = roger.enqueue(p, Job.builder("dl-job").build());
                Await.until("the job waits in " + main, WAIT, () -> broker.messages(main) == 1);
                int returned = 0;
                while (returned < RETURNS && broker.takeAndDrop(main)) {
                    returned++;
                    int soFar = returned;
                    // The return is asynchronous: wait until the message is back (or, past the
                    // broker's limit, gone from the queue) before the next take.
                    Await.until("return " + soFar + " settled", WAIT,
                            () -> broker.messages(main) == 1 || soFar > 20);
                }
                assertEquals(RETURNS, returned, "the job was handed out and returned " + RETURNS + " times");

                RuntimePartitions.startAndAwaitConsumers(admin, p, "default=1", WAIT);
                BuriedJob buried = Await.value(job.id() + " is buried in " + p, WAIT, () -> find(p, job.id()).orElse(null));

                String reason = buried.reason();
                if (broker.majorVersion() >= 4) {
                    assertTrue(reason.contains("RabbitMQ dead-lettered it from " + main)
                            && reason.contains("delivery limit"), "RabbitMQ " + broker.serverVersion() + ": " + reason);
                } else {
                    assertTrue(reason.contains("delivered " + (RETURNS + 1) + " times without finishing"),
                            "RabbitMQ " + broker.serverVersion() + ": " + reason);
                }
                assertEquals(0, broker.messages(main), main + " holds nothing more");
                assertFalse(runs.hasRun(job.id()), "the job never ran");
                System.out.printf("RabbitMQ %s: job %s returned %d times, buried: %s%n", broker.serverVersion(),
                        job.id(), returned, reason);
            } finally {
                admin.stopPartition(admin.localNode().orElseThrow(), p);
                broker.delete(main, main + ".buried");
            }
        }
    }

    private Optional<BuriedJob> find(String partition, String id) {
        List<BuriedJob> jobs = admin.buried(BuriedQuery.inQueue(partition, "default")).jobs();
        return jobs.stream().filter(j -> j.jobId().equals(id)).findFirst();
    }
}
