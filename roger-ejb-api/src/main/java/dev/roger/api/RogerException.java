package dev.roger.api;

/** The base of Roger's exceptions. */
public class RogerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RogerException(String message) {
        super(message);
    }

    public RogerException(String message, Throwable cause) {
        super(message, cause);
    }
}
