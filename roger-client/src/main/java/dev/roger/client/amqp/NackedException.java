package dev.roger.client.amqp;

import java.io.IOException;

/**
 * The broker answered every message of a publish, and refused (nacked) at least one. A nacked
 * message is not stored; the others of the same publish are.
 */
public final class NackedException extends IOException {

    private static final long serialVersionUID = 1L;

    public NackedException(String message) {
        super(message);
    }
}
