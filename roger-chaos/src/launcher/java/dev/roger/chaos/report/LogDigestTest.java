package dev.roger.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogDigestTest {

    private static final String ESC = "\u001B";

    @Test
    void countsRogerWarningsAndAnySevereByTheirFirstLineInPayarasColouredFormat() {
        String log = String.join("\n",
                "[2026-12-06T03:43:04.171+0000] [] [" + ESC + "[1;93mWARNING" + ESC + "[0m] [] [" + ESC
                        + "[1;94mdev.roger.ra.cluster.StateReplicas" + ESC + "[0m] [tid: _ThreadID=98 _ThreadName=AMQP] "
                        + "[timeMillis: 1796528584171] [levelValue: 900] Partition chaos2 does not start yet",
                "[2026-12-06T03:43:04.172+0000] [] [WARNING] [] [dev.roger.ra.cluster.StateReplicas] [tid: x] "
                        + "[timeMillis: 1] [levelValue: 900] Partition chaos2 does not start yet",
                "[2026-12-06T03:43:29.097+0000] [] [SEVERE] [] [com.rabbitmq.client.impl.ForgivingExceptionHandler] "
                        + "[tid: y] [timeMillis: 2] [levelValue: 1000] [[",
                "  An unexpected connection driver error occurred",
                "java.net.SocketException: Broken pipe",
                "]]",
                "[2026-12-06T03:43:29.098+0000] [] [WARNING] [] [com.hazelcast.instance.impl.Node] [tid: z] "
                        + "[timeMillis: 3] [levelValue: 900] Some of the ports seem occupied!",
                "[2026-12-06T03:43:29.099+0000] [] [INFO] [] [dev.roger.ra.inbound.QueueConsumer] [tid: z] "
                        + "[timeMillis: 4] [levelValue: 800] Could not ack a delivery");
        assertEquals(Map.of(
                "WARNING StateReplicas: Partition chaos2 does not start yet", 2,
                "SEVERE ForgivingExceptionHandler: An unexpected connection driver error occurred", 1),
                LogDigest.rogerWarnings(log));
    }
}
