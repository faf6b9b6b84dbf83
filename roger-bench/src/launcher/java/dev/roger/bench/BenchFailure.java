package dev.roger.bench;

/**
 * A reason a case (or the whole benchmark) cannot go on. Its message is printed as is in the
 * table and on exit, so it says what broke and, where it can, what to do.
 */
public final class BenchFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BenchFailure(String message) {
        super(message);
    }

    public BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
