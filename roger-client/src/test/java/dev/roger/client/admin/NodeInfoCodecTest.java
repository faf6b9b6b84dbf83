package dev.roger.client.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.roger.api.admin.JobCounters;
import dev.roger.api.admin.NodeInfo;
import dev.roger.api.admin.PartitionInfo;
import dev.roger.api.admin.RunningJobInfo;
import dev.roger.api.admin.WaitingPartition;
import dev.roger.client.cluster.ControlCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeInfoCodecTest {

    @Test
    void aNodesAnswerSurvivesTheControlChannel() {
        Instant t = Instant.parse("2026-12-06T07:00:00Z");
        NodeInfo info = new NodeInfo("n1", "0.1.0", "Payara (GlassFish) on Java 17", t, true, 8, 3,
                new JobCounters(10, 7, 2, 1),
                List.of(new PartitionInfo("acme", List.of(
                        new PartitionInfo.NodeQueue("default", 4, PartitionInfo.ConsumerState.CONSUMING, 2,
                                new JobCounters(7, 5, 1, 1)),
                        new PartitionInfo.NodeQueue("slow", 1, PartitionInfo.ConsumerState.PAUSED, 0)))),
                List.of(new WaitingPartition("beta", "default", "PRECONDITION_FAILED - inequivalent arg 'x-queue-type'",
                        3, t, t.plusSeconds(4))),
                List.of(new RunningJobInfo("j1", "mail", "acme", null, "n1", t, Duration.ofMillis(1500), 2)));
        NodeAnswer back = NodeInfoCodec.decode(NodeInfoCodec.encode(new NodeAnswer(info, List.of(1L, 3L),
                List.of("acme-default.retry.3"))));
        assertEquals(info, back.info());
        assertEquals(List.of(1L, 3L), back.retryDelays());
        assertEquals(List.of("acme-default.retry.3"), back.retryQueues());
    }

    @Test
    void aCommandToOneNodeIsForThatNodeAlone() {
        ControlCommand c = ControlCommand.decode(ControlCommand.toNode(ControlCommand.START_PARTITION, "n2", "acme",
                "acme[default=2]").encode());
        assertEquals("acme[default=2]", c.spec());
        assertEquals(ControlCommand.START_PARTITION, c.command());
        assertFalse(c.isFor("n1"));
        assertEquals(true, c.isFor("n2"));
        assertEquals(true, ControlCommand.info().isFor("n1"));
    }
}
