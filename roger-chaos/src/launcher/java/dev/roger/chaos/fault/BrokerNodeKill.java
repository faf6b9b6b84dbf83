package dev.roger.chaos.fault;

import dev.roger.chaos.app.ChaosJobs;
import dev.roger.chaos.Pause;
import dev.roger.chaos.broker.BrokerSet;
import dev.roger.chaos.broker.RabbitNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code kill -9} of one cluster member's Erlang VM, and a restart of it on its data (it rejoins
 * the cluster). The member killed is the one holding the most Roger node connections (ties go to
 * the leader of the given quorum queue), so nodes must reconnect to another member and the queue
 * may have to elect a new leader. While the member is down the suite waits until every node
 * consumes again through the others: a node that does not is the failure this fault looks for.
 */
public final class BrokerNodeKill implements Fault {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String ROGER = "roger@";
    /** How long the nodes get to reconnect to the surviving members before the killed one returns. */
    private static final Duration RECONNECT_LIMIT = Duration.ofSeconds(60);

    private final BrokerSet cluster;
    private final int rogerNodes;
    private final String leaderOf;
    private final Duration downAfterReconnect;

    /**
     * @param rogerNodes         how many Payara nodes consume (one consumer each per queue)
     * @param leaderOf           the queue whose leader wins a tie
     * @param downAfterReconnect how much longer the member stays down once the nodes consume again
     */
    public BrokerNodeKill(BrokerSet cluster, int rogerNodes, String leaderOf, Duration downAfterReconnect) {
        this.cluster = cluster;
        this.rogerNodes = rogerNodes;
        this.leaderOf = leaderOf;
        this.downAfterReconnect = downAfterReconnect;
    }

    @Override
    public String name() {
        return "kill -9 broker node";
    }

    @Override
    public Outcome inject() {
        String leader = cluster.queues().stream().filter(q -> q.name().equals(leaderOf)).findFirst()
                .map(BrokerSet.QueueInfo::leader).orElse("");
        Map<String, String> before = cluster.connections(ROGER);
        Map<String, Long> perMember = before.values().stream()
                .collect(Collectors.groupingBy(m -> m, Collectors.counting()));
        RabbitNode target = cluster.nodes().stream()
                .max(Comparator.comparingLong((RabbitNode n) -> 2 * perMember.getOrDefault(n.nodeName(), 0L)
                        + (n.nodeName().equals(leader) ? 1 : 0)))
                .orElseThrow();
        Instant struck = Instant.now();
        long pid = target.kill9();
        long killed = System.nanoTime();
        String problem = null;
        String reconnect;
        if (awaitReconnected(before.keySet(), target.nodeName())) {
            reconnect = String.format("every node consumed again through the other members %.1f s after the kill",
                    (System.nanoTime() - killed) / 1e9);
            Pause.of(downAfterReconnect);
        } else {
            reconnect = "the nodes did not all consume again through the other members within "
                    + RECONNECT_LIMIT.toSeconds() + " s (Roger connections " + cluster.connections(ROGER)
                    + ", consumers " + cluster.consumers(ChaosJobs.QUEUES) + ")";
            problem = reconnect;
        }
        double down = (System.nanoTime() - killed) / 1e9;
        target.launch();
        target.awaitRunning(START_TIMEOUT);
        return new Outcome(struck, String.format("kill -9 of %s (pid %d; %s; holding %d of the %d Roger node connections); %s; "
                        + "restarted after %.0f s down", target.nodeName(), pid,
                target.nodeName().equals(leader) ? "leader of " + leaderOf : "not the leader of " + leaderOf,
                perMember.getOrDefault(target.nodeName(), 0L), before.size(), reconnect, down), problem);
    }

    /**
     * Waits until every Roger connection there was before the kill is open again on a surviving
     * member, and every queue has a consumer per node. Consumers alone could mislead: a quorum
     * queue may list a dead member's consumers for a while.
     */
    private boolean awaitReconnected(Set<String> names, String killed) {
        long deadline = System.nanoTime() + RECONNECT_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, String> now = cluster.connections(ROGER);
            boolean moved = names.stream().allMatch(n -> now.containsKey(n) && !now.get(n).equals(killed));
            if (moved && cluster.consumers(ChaosJobs.QUEUES).values().stream().allMatch(c -> c >= rogerNodes)) {
                return true;
            }
            Pause.of(Duration.ofMillis(500));
        }
        return false;
    }
}
