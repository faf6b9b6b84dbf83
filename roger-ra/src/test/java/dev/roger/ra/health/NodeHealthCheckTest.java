package dev.roger.ra.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.admin.PartitionInfo;
import dev.roger.api.admin.PartitionInfo.ConsumerState;
import dev.roger.api.admin.WaitingPartition;
import dev.roger.api.spi.NodeHealth;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeHealthCheckTest {

    private static List<PartitionInfo> partition(ConsumerState state) {
        return List.of(new PartitionInfo("p", List.of(new PartitionInfo.NodeQueue("default", 2, state, 0))));
    }

    @Test
    void readyWhenConnectedConsumingAndNotShuttingDown() {
        NodeHealth h = NodeHealthCheck.of(true, null, partition(ConsumerState.CONSUMING), List.of());
        assertTrue(h.live());
        assertTrue(h.ready(), h.toString());
        assertTrue(NodeHealthCheck.of(true, null, partition(ConsumerState.PAUSED), List.of()).ready(), "paused on purpose");
    }

    @Test
    void notReadyWhileShuttingDownButStillLive() {
        NodeHealth h = NodeHealthCheck.of(true, Instant.now(), partition(ConsumerState.CONSUMING), List.of());
        assertFalse(h.ready());
        assertTrue(h.live());
        assertEquals(List.of("shutdown"), h.checks().stream().filter(c -> !c.up()).map(NodeHealth.Check::name).toList());
    }

    @Test
    void notReadyWithoutTheBrokerOrBeforeItsPartitionsStarted() {
        assertFalse(NodeHealthCheck.of(false, null, partition(ConsumerState.CONSUMING), List.of()).ready());
        NodeHealth h = NodeHealthCheck.of(true, null, partition(ConsumerState.STOPPED), List.of());
        assertFalse(h.ready());
        assertTrue(h.checks().get(1).detail().contains("p-default"), h.toString());
    }

    @Test
    void aQueueTheBrokerRefusesDoesNotHoldReadinessBack() {
        WaitingPartition w = new WaitingPartition("p", "default", "RESOURCE_LOCKED", 3, Instant.now(), Instant.now());
        assertTrue(NodeHealthCheck.of(true, null, partition(ConsumerState.STOPPED), List.of(w)).ready());
    }
}
