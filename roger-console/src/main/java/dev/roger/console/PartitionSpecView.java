package dev.roger.console;

import dev.roger.api.PartitionSpec;
import java.util.Map;

/**
 * A partition's queues and worker counts as JSON ({@code {"partition":"acme","queues":{"default":10}}});
 * {@link PartitionSpec} itself has no JSON-B shape.
 */
public record PartitionSpecView(String partition, Map<String, Integer> queues) {

    static PartitionSpecView of(PartitionSpec spec) {
        return new PartitionSpecView(spec.partition(), spec.queues());
    }

    /** The spec for {@code partition}; the body's own partition, if any, must be the same. */
    PartitionSpec toSpec(String partition) {
        if (this.partition != null && !this.partition.equals(partition)) {
            throw new IllegalArgumentException("The body names partition '" + this.partition + "' but the path '"
                    + partition + "'");
        }
        if (queues == null || queues.isEmpty()) {
            throw new IllegalArgumentException("Give the partition's queues and worker counts: {\"queues\":{\"default\":10}}");
        }
        return PartitionSpec.of(partition, queues);
    }
}
