package dev.roger.chaos;

/**
 * The suite could not do what it set out to do (a broker did not start, a node did not boot, a
 * command failed): the run proves nothing either way and ends with its own exit code.
 */
public final class ChaosFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChaosFailure(String message) {
        super(message);
    }

    public ChaosFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
