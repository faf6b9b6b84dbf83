package dev.roger.api;

/**
 * The owner of a partition's global state (queue keys, execution keys, cancelled jobs, paused
 * queues) did not answer in time: no node that runs the partition is reachable, or ownership is
 * moving to another node. Nothing was decided; the call can be retried.
 */
public class StateUnavailableException extends RogerException {

    private static final long serialVersionUID = 1L;

    public StateUnavailableException(String message) {
        super(message);
    }

    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
