package dev.roger.client.amqp;

import java.io.IOException;

/**
 * A publish failed before any of its messages was handed to the connection: no channel could be
 * opened, or the channel was already closed when the first message was to be written. The broker
 * cannot have any of them.
 */
public final class NotPublishedException extends IOException {

    private static final long serialVersionUID = 1L;

    public NotPublishedException(String message, Throwable cause) {
        super(message, cause);
    }
}
