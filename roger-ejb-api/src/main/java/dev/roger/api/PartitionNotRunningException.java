package dev.roger.api;

/** A partition operation named a partition that does not run on this node. */
public class PartitionNotRunningException extends RogerException {

    private static final long serialVersionUID = 1L;

    public PartitionNotRunningException(String partition) {
        super("Partition '" + partition + "' is not running on this node");
    }
}
