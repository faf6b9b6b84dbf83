package dev.roger.client.admin;

import dev.roger.api.admin.NodeInfo;
import java.util.List;

/**
 * A node's answer to {@code info}: what it says of itself, and the retry delays it uses (its
 * queues' retry queues are named after them), which only the admin needs.
 *
 * @param info        the node
 * @param retryDelays the delays in seconds of the retry queues its jobs may be in
 */
public record NodeAnswer(NodeInfo info, List<Long> retryDelays) {

    public NodeAnswer {
        retryDelays = List.copyOf(retryDelays);
    }
}
