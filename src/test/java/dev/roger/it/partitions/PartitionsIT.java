package dev.roger.it.partitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Job;
import dev.roger.api.PartitionNotRunningException;
import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerClient;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.Deployments;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Partitions started at boot, and started, reconfigured and stopped at runtime through RogerClient. */
@ExtendWith(ArquillianExtension.class)
class PartitionsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("partitions", PartJobBean.class, Seen.class);
    }

    @Inject
    RogerClient roger;

    @Inject

    RogerAdmin admin;

    @Inject
    Seen seen;

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }

    private void runsFrom(String partition, String expectedQueue) {
        Job job = roger.enqueue(partition, Job.builder("part-job").queue(expectedQueue.substring(partition.length() + 1)).build());
        Await.until("job ran from " + expectedQueue, WAIT, () -> expectedQueue.equals(seen.where(job.id())));
    }

    @Test
    void activationConfigStartsPartitionsAtBoot() {
        assertTrue(admin.runningPartitions(admin.localNode().orElseThrow()).contains(PartitionSpec.parse("boot_p[default=1]")),
                admin.runningPartitions(admin.localNode().orElseThrow()).toString());
        runsFrom("boot_p", "boot_p-default");
    }

    @Test
    void startReconfigureAndStopAtRuntime() {
        String p = unique("rt");
        try (Broker broker = Broker.connect()) {
            admin.startPartition(admin.localNode().orElseThrow(), PartitionSpec.parse(p + "[default=2,fast=3]"));
            assertTrue(admin.runningPartitions(admin.localNode().orElseThrow()).contains(PartitionSpec.parse(p + "[default=2,fast=3]")));
            Await.until("both queues consumed", WAIT,
                    () -> broker.consumers(p + "-default") == 1 && broker.consumers(p + "-fast") == 1);
            runsFrom(p, p + "-fast");

            // Reconfigure is complete: 'default' is not named, so this node stops consuming it.
            admin.reconfigurePartition(admin.localNode().orElseThrow(), PartitionSpec.parse(p + "[fast=1]"));
            Await.until("default no longer consumed", WAIT, () -> broker.consumers(p + "-default") == 0);
            assertEquals(1, broker.consumers(p + "-fast"));
            assertTrue(admin.runningPartitions(admin.localNode().orElseThrow()).contains(PartitionSpec.parse(p + "[fast=1]")));

            // Starting a started partition reconfigures it.
            admin.startPartition(admin.localNode().orElseThrow(), PartitionSpec.parse(p + "[default=1]"));
            Await.until("default consumed again, fast not", WAIT,
                    () -> broker.consumers(p + "-default") == 1 && broker.consumers(p + "-fast") == 0);

            admin.stopPartition(admin.localNode().orElseThrow(), p);
            Await.until("nothing consumed", WAIT, () -> broker.consumers(p + "-default") == 0);
            assertFalse(admin.runningPartitions(admin.localNode().orElseThrow()).stream().anyMatch(s -> s.partition().equals(p)));

            // While stopped, jobs wait in the queue; they run once the partition starts again.
            Job waiting = roger.enqueue(p, Job.builder("part-job").build());
            Await.until("job waits in the queue", WAIT, () -> broker.messages(p + "-default") == 1);
            assertNull(seen.where(waiting.id()));
            admin.startPartition(admin.localNode().orElseThrow(), PartitionSpec.parse(p + "[default=1]"));
            Await.until("waiting job ran", WAIT, () -> (p + "-default").equals(seen.where(waiting.id())));
            admin.stopPartition(admin.localNode().orElseThrow(), p);
            broker.delete(p + "-default", p + "-fast");
        }
    }

    @Test
    void operationsOnPartitionsThatDoNotRunHereSaySo() {
        String p = unique("nope");
        assertThrows(PartitionNotRunningException.class, () -> admin.stopPartition(admin.localNode().orElseThrow(), p));
        assertThrows(PartitionNotRunningException.class,
                () -> admin.reconfigurePartition(admin.localNode().orElseThrow(), PartitionSpec.parse(p + "[default=1]")));
        assertThrows(IllegalArgumentException.class, () -> admin.startPartition(admin.localNode().orElseThrow(), PartitionSpec.of(p)));
    }

    @Test
    void aPartitionDeclaredByABeanCanBeStoppedAndStartedAgain() {
        try (Broker broker = Broker.connect()) {
            admin.stopPartition(admin.localNode().orElseThrow(), "boot_p");
            Await.until("boot_p-default not consumed", WAIT, () -> broker.consumers("boot_p-default") == 0);
            admin.startPartition(admin.localNode().orElseThrow(), PartitionSpec.parse("boot_p[default=1]"));
            Await.until("boot_p-default consumed", WAIT, () -> broker.consumers("boot_p-default") == 1);
            runsFrom("boot_p", "boot_p-default");
        }
    }
}
