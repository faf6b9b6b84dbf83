package dev.roger.api;

/** A failure that retrying cannot fix: the job is buried at once. See {@link NonRetryable}. */
public class NonRetryableException extends Exception implements NonRetryable {

    private static final long serialVersionUID = 1L;

    public NonRetryableException(String message) {
        super(message);
    }

    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
