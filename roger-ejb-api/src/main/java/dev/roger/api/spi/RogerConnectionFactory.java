package dev.roger.api.spi;

import jakarta.resource.ResourceException;

/**
 * The resource adapter's outbound connection factory. Applications do not use it directly: the
 * {@code RogerClient} producer of {@code dev.roger.ejb} wraps it.
 */
public interface RogerConnectionFactory {

    /** A handle on the resource adapter; close it after use. */
    RogerConnection getConnection() throws ResourceException;
}
