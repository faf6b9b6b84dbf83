package dev.roger.ra.inbound;

import dev.roger.api.admin.JobCounters;
import dev.roger.api.event.AfterRun;
import dev.roger.api.event.BeforeRun;
import dev.roger.api.event.JobError;
import dev.roger.api.event.JobEvent;
import java.util.concurrent.atomic.LongAdder;

/** What this node's jobs did since it started, for Info: counted from their events and burials. */
public final class JobCounts {

    private final LongAdder started = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder buried = new LongAdder();

    /** Counts a lifecycle event (fired or not: an application without observers still counts). */
    void saw(JobEvent event) {
        if (event instanceof BeforeRun) {
            started.increment();
        } else if (event instanceof AfterRun) {
            succeeded.increment();
        } else if (event instanceof JobError) {
            failed.increment();
        }
    }

    void buried() {
        buried.increment();
    }

    public JobCounters snapshot() {
        return new JobCounters(started.sum(), succeeded.sum(), failed.sum(), buried.sum());
    }
}
