package dev.roger.chaos.fault;

import dev.roger.chaos.node.ChaosNode;
import java.time.Duration;
import java.time.Instant;

/**
 * A graceful restart of a Payara node: SIGTERM (what {@code kill}, systemd or a container stop
 * send), up to {@code grace} for it to exit, then a new start. A graceful stop must neither lose
 * nor bury the jobs it was running.
 */
public final class NodeTerminate implements Fault {

    private final ChaosNode node;
    private final Duration grace;

    public NodeTerminate(ChaosNode node, Duration grace) {
        this.node = node;
        this.grace = grace;
    }

    @Override
    public String name() {
        return "SIGTERM node";
    }

    @Override
    public Outcome inject() {
        Instant struck = Instant.now();
        ChaosNode.Termination t = node.terminate(grace);
        node.start();
        String how = t.forced()
                ? String.format("did not exit within %d s and was killed", grace.toSeconds())
                : String.format("exited %.1f s after the signal", t.took().toMillis() / 1000.0);
        return Outcome.of(struck, "SIGTERM to " + t.label() + ": " + how + "; restarted as " + node.label());
    }
}
