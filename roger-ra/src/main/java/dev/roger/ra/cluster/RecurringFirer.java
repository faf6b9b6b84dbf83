package dev.roger.ra.cluster;

import dev.roger.api.Job;
import dev.roger.state.RecurringCodec;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Enqueues the recurring ticks the partition's state (on this node, its owner) recorded as fired.
 * Off the owner's consumer thread, so a slow broker does not hold up the partition's other state
 * requests. A tick whose enqueue fails is logged and not fired again: the state already counts it
 * as fired, which is what keeps any other node from firing it a second time.
 */
final class RecurringFirer {

    private static final System.Logger LOG = System.getLogger(RecurringFirer.class.getName());

    private final Executor executor;
    private final BiConsumer<String, List<Job>> enqueue;

    RecurringFirer(Executor executor, BiConsumer<String, List<Job>> enqueue) {
        this.executor = executor;
        this.enqueue = enqueue;
    }

    void fire(String partition, List<RecurringCodec.Fire> fires) {
        if (fires.isEmpty()) {
            return;
        }
        List<Job> jobs = fires.stream().map(RecurringFirer::job).toList();
        executor.execute(() -> {
            try {
                enqueue.accept(partition, jobs);
                for (RecurringCodec.Fire f : fires) {
                    LOG.log(Level.DEBUG, "Recurring job {0} of partition {1} fired for {2} as job {3}",
                            f.job().name(), partition, f.tick(), f.jobId());
                }
            } catch (RuntimeException e) {
                for (RecurringCodec.Fire f : fires) {
                    LOG.log(Level.WARNING, "Recurring job {0} of partition {1}: its tick of {2} (job {3}) was not "
                            + "enqueued and is skipped: {4}", f.job().name(), partition, f.tick(), f.jobId(),
                            e.getMessage());
                }
            }
        });
    }

    private static Job job(RecurringCodec.Fire fire) {
        Job.Builder b = Job.builder(fire.job().type()).id(fire.jobId());
        fire.job().queue().ifPresent(b::queue);
        fire.job().argsJson().ifPresent(b::argsJson);
        return b.build();
    }
}
