package dev.roger.api.spi;

import dev.roger.api.RogerClient;

/**
 * A handle on the resource adapter: the {@link RogerClient} operations plus the registration that
 * lets the adapter fire lifecycle events into an application's CDI container.
 */
public interface RogerConnection extends RogerClient, AutoCloseable {

    /**
     * Routes the lifecycle events of jobs whose bean class was loaded by {@code application}
     * (or a loader below it) to {@code sink}.
     */
    void registerApplication(ClassLoader application, JobEventSink sink);

    /** Stops routing events to the application's sink. */
    void unregisterApplication(ClassLoader application);

    /** Returns the handle to the pool. */
    @Override
    void close();
}
