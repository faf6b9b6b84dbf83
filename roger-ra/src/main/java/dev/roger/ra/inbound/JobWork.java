package dev.roger.ra.inbound;

import jakarta.resource.spi.work.Work;

/** The unit of work the WorkManager runs: one delivery, from decoding to settling. */
final class JobWork implements Work {

    private final Delivery delivery;
    private final JobRunner runner;
    private final Runnable onFinished;

    /**
     * @param onFinished called when the run ends whatever happened, or {@code null}
     */
    JobWork(Delivery delivery, JobRunner runner, Runnable onFinished) {
        this.delivery = delivery;
        this.runner = runner;
        this.onFinished = onFinished;
    }

    @Override
    public void run() {
        try {
            runner.run(delivery);
        } finally {
            if (onFinished != null) {
                onFinished.run();
            }
        }
    }

    /** Nothing to release: the delivery is settled by run(), or redelivered if the node goes away. */
    @Override
    public void release() {
        // See above.
    }
}
