package dev.roger.ra.metrics;

import dev.roger.api.DuplicateJobException;
import dev.roger.api.EnqueueUncertainException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Enqueues made through this node's adapter (applications' {@code RogerClient}): how many jobs
 * ended in which outcome, and how long a call took until the broker confirmed (or refused). Java
 * SE clients publish without a node and are not counted here.
 */
public final class EnqueueMeters {

    /** Outcomes, from the exception the call threw. */
    static final String OK = "ok";
    static final String DUPLICATE = "duplicate";
    static final String UNCERTAIN = "uncertain";
    static final String INVALID = "invalid";
    static final String FAILED = "failed";

    private final MeterRegistry registry;
    private final PartitionLabels partitions;

    EnqueueMeters(MeterRegistry registry, PartitionLabels partitions) {
        this.registry = registry;
        this.partitions = partitions;
    }

    /** Off: records nothing. */
    static final EnqueueMeters NONE = new EnqueueMeters(null, null);

    /**
     * @param jobs    how many jobs the call carried
     * @param took    from the call to its answer (mostly the wait for the publisher confirm)
     * @param failure what it threw, or null
     */
    public void enqueued(String partition, int jobs, Duration took, Throwable failure) {
        if (registry == null) {
            return;
        }
        String outcome = outcome(failure);
        Counter.builder("roger.enqueue.jobs").description("Jobs enqueued through this node, by outcome")
                .tags("partition", partitions.of(partition), "outcome", outcome).register(registry).increment(jobs);
        Timer.builder("roger.enqueue.duration")
                .description("An enqueue call until the broker confirmed or refused it (one per call, enqueueAll included)")
                .tags("outcome", outcome).serviceLevelObjectives(Buckets.SECONDS).register(registry).record(took);
    }

    static String outcome(Throwable failure) {
        if (failure == null) {
            return OK;
        }
        if (failure instanceof DuplicateJobException) {
            return DUPLICATE;
        }
        if (failure instanceof EnqueueUncertainException) {
            return UNCERTAIN;
        }
        if (failure instanceof IllegalArgumentException) {
            return INVALID;
        }
        return FAILED;
    }
}
