package dev.roger.api.spi;

import java.io.IOException;

/**
 * Holds the global state of the partitions this node owns: implemented by the application's
 * startup singleton, called by the resource adapter, which elects the owner and carries requests
 * from the other nodes.
 */
public interface GlobalStateHost {

    /** Becomes the owner of a partition: loads its state from the persister. */
    void open(String partition) throws IOException;

    /**
     * Applies one request to an owned (opened) partition. Request and reply are in Roger's state
     * wire format (the JSON the owners exchange over RabbitMQ), so neither side needs the other's
     * classes.
     */
    byte[] apply(String partition, byte[] request);

    /** Saves the partition's state and stops owning it. */
    void close(String partition);

    /**
     * Drops the partition's state without saving: this node lost its connection, so another node
     * may own the partition already and its state must not be overwritten.
     */
    void discard(String partition);
}
