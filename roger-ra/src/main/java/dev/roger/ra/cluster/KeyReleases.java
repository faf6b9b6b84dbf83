package dev.roger.ra.cluster;

import dev.roger.api.StateUnavailableException;
import dev.roger.client.cluster.ClusterCalls;
import dev.roger.state.StateRequest;
import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Gives keys back to partition owners. A release the owner did not take (it was away) is kept
 * and retried on every tick, so a finished job's key is not held for ever because of a blip.
 */
final class KeyReleases {

    private static final System.Logger LOG = System.getLogger(KeyReleases.class.getName());

    private record Release(String partition, StateRequest request) {
    }

    private final ClusterCalls calls;
    private final Queue<Release> pending = new ConcurrentLinkedQueue<>();

    KeyReleases(ClusterCalls calls) {
        this.calls = calls;
    }

    /** Releases now; when the owner does not answer, later. */
    void release(String partition, StateRequest request) {
        try {
            calls.ask(partition, request);
        } catch (StateUnavailableException e) {
            LOG.log(Level.WARNING, "{0} of job {1} in partition {2} is released later: {3}",
                    what(request), request.jobId(), partition, e.getMessage());
            pending.add(new Release(partition, request));
        }
    }

    private static String what(StateRequest request) {
        return request.op() == StateRequest.Op.END_RUN ? "The run (" + request.key() + ")"
                : "Key '" + request.key() + "'";
    }

    /** Retries the releases that failed, without waiting for them. */
    void retry() {
        for (int n = pending.size(); n > 0; n--) {
            Release r = pending.poll();
            if (r == null) {
                return;
            }
            calls.askAsync(r.partition(), r.request()).whenComplete((ok, e) -> {
                if (e != null) {
                    pending.add(r);
                } else {
                    LOG.log(Level.INFO, "{0} of job {1} in partition {2} released",
                            what(r.request()), r.request().jobId(), r.partition());
                }
            });
        }
    }
}
