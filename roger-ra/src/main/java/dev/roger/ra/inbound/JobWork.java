package dev.roger.ra.inbound;

import jakarta.resource.spi.work.Work;

/** The unit of work the WorkManager runs: one delivery, from decoding to settling. */
final class JobWork implements Work {

    private final Delivery delivery;
    private final JobRunner runner;

    JobWork(Delivery delivery, JobRunner runner) {
        this.delivery = delivery;
        this.runner = runner;
    }

    @Override
    public void run() {
        runner.run(delivery);
    }

    /** Running jobs are not abandoned when the WorkManager shuts down; their bean sees an interrupt. */
    @Override
    public void release() {
        // Nothing to release: the delivery is settled by run(), or redelivered if the node goes away.
    }
}
