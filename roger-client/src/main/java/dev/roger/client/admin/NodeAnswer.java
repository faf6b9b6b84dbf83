package dev.roger.client.admin;

import dev.roger.api.admin.NodeInfo;
import java.util.List;

/**
 * A node's answer to {@code info}: what it says of itself, and where its retrying jobs may be,
 * which only the admin needs.
 *
 * @param info        the node
 * @param retryDelays the delays in seconds of every retry queue its jobs may use (a purge empties
 *                    them all)
 * @param retryQueues the retry queues it declared that may still exist (Info counts these: most
 *                    retry queues do not exist, and asking the broker for each costs a round trip)
 */
public record NodeAnswer(NodeInfo info, List<Long> retryDelays, List<String> retryQueues) {

    public NodeAnswer {
        retryDelays = List.copyOf(retryDelays);
        retryQueues = List.copyOf(retryQueues);
    }
}
