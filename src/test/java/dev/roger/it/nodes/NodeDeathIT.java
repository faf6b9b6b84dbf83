package dev.roger.it.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import dev.roger.api.Job;
import dev.roger.client.AmqpRogerClient;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.PayaraMicro;
import dev.roger.it.support.PayaraProcess;
import dev.roger.testing.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A node that dies in the middle of a job leaves the job to be redelivered: it was not acked,
 * so RabbitMQ puts it back. The job is enqueued from plain Java SE, as another service would.
 */
class NodeDeathIT {

    @Test
    void aJobRunningOnAKilledNodeGoesBackToItsQueue() throws Exception {
        Path war = PayaraMicro.export(Deployments.war("nodedeath", SleepyBean.class));
        Path started = war.resolveSibling("sleepy-" + System.nanoTime() + ".started");

        try (Broker broker = Broker.connect(); AmqpRogerClient client = AmqpRogerClient.connect(TestBroker.uri())) {
            broker.delete("death-default");
            try (PayaraProcess node = PayaraProcess.start("nodedeath", war)) {
                Job job = client.enqueue("death", Job.builder("sleepy").args(started.toString()).build());
                Await.until("the job started on the node", Duration.ofSeconds(30), () -> Files.exists(started));
                assertEquals(0, broker.messages("death-default"), "the running job is not ready in the queue");

                node.kill();

                Await.until("the job is back in death-default", Duration.ofSeconds(30),
                        () -> broker.messages("death-default") == 1);
                GetResponse back = broker.take("death-default");
                assertEquals(job.id(), back.getProps().getMessageId());
                assertTrue(back.getEnvelope().isRedeliver(), "marked redelivered");
            } finally {
                broker.delete("death-default");
            }
        }
    }
}
