package dev.roger.chaos.fault;

import dev.roger.chaos.node.ChaosNode;
import java.time.Instant;

/**
 * {@code kill -9} of a Payara node, then a new start of it: its running jobs die mid-way and its
 * unacknowledged deliveries go back to the queue for the other nodes.
 */
public final class NodeKill implements Fault {

    private final ChaosNode node;

    public NodeKill(ChaosNode node) {
        this.node = node;
    }

    @Override
    public String name() {
        return "kill -9 node";
    }

    @Override
    public Outcome inject() {
        String killed = node.label();
        Instant struck = Instant.now();
        node.kill9();
        node.start();
        return Outcome.of(struck, "kill -9 of " + killed + ", restarted as " + node.label());
    }
}
