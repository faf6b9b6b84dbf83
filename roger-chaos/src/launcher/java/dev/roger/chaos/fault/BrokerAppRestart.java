package dev.roger.chaos.fault;

import dev.roger.chaos.Pause;
import dev.roger.chaos.broker.RabbitNode;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code rabbitmqctl stop_app}, a pause, {@code start_app}: the broker is away for the pause
 * (connections refused, enqueues fail) and comes back with its durable queues and messages.
 */
public final class BrokerAppRestart implements Fault {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final RabbitNode node;
    private final Duration down;

    public BrokerAppRestart(RabbitNode node, Duration down) {
        this.node = node;
        this.down = down;
    }

    @Override
    public String name() {
        return "stop_app/start_app";
    }

    @Override
    public Outcome inject() {
        long start = System.nanoTime();
        Instant struck = Instant.now();
        node.ctl("stop_app");
        long stopped = System.nanoTime();
        Pause.of(down);
        node.ctl("start_app");
        node.awaitRunning(START_TIMEOUT);
        return Outcome.of(struck, String.format("stop_app on %s took %.1f s; down %d s; start_app; running again %.1f s "
                + "after stop_app", node.nodeName(), (stopped - start) / 1e9, down.toSeconds(),
                (System.nanoTime() - start) / 1e9));
    }
}
