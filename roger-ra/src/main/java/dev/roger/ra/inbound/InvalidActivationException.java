package dev.roger.ra.inbound;

/** A bean's activation config cannot be used; the message names the bean, the property and the value. */
public final class InvalidActivationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidActivationException(String message) {
        super(message);
    }
}
