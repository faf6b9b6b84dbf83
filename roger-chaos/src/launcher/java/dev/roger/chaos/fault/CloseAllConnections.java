package dev.roger.chaos.fault;

import dev.roger.chaos.broker.BrokerSet;
import dev.roger.chaos.broker.RabbitNode;
import java.time.Instant;

/**
 * {@code rabbitmqctl close_all_connections} on every member: every node's and the producer's
 * connections are closed by the broker at once, and the clients must recover them (and their
 * consumers) on their own. Only the suite's brokers are addressed, never the machine's own.
 */
public final class CloseAllConnections implements Fault {

    private final BrokerSet brokers;

    public CloseAllConnections(BrokerSet brokers) {
        this.brokers = brokers;
    }

    @Override
    public String name() {
        return "close_all_connections";
    }

    @Override
    public Outcome inject() {
        int before = 0;
        Instant struck = null;
        for (RabbitNode node : brokers.nodes()) {
            before += node.ctlJson("list_connections", "name").size();
            if (struck == null) {
                struck = Instant.now();
            }
            node.ctl("close_all_connections", "roger chaos suite");
        }
        return Outcome.of(struck, "closed all connections (" + before + ") on "
                + brokers.nodes().stream().map(RabbitNode::nodeName).toList());
    }
}
