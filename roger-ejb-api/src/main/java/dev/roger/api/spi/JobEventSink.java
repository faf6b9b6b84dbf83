package dev.roger.api.spi;

import dev.roger.api.event.JobEvent;

/** Where the resource adapter delivers an application's job lifecycle events. */
@FunctionalInterface
public interface JobEventSink {

    /** Delivers one event, synchronously, on the job's thread. */
    void fire(JobEvent event);
}
