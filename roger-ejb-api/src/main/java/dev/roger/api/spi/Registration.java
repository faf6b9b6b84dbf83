package dev.roger.api.spi;

/**
 * An application's registration with the adapter, withdrawn with {@link #cancel()} when the
 * application goes away. It holds the adapter itself, not a connection: at undeploy the
 * application's connection factory and pooled connections may be gone before its beans'
 * {@code @PreDestroy} runs.
 */
@FunctionalInterface
public interface Registration {

    /** Withdraws the registration (events stop; the partitions' state moves to another node or application). */
    void cancel();
}
