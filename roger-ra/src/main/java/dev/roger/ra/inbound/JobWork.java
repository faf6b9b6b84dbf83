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
        } catch (Throwable t) {
            runner.unexpected(delivery, t);
            if (t instanceof VirtualMachineError vme && !(vme instanceof StackOverflowError)) {
                throw vme;
            }
        } finally {
            if (onFinished != null) {
                onFinished.run();
            }
        }
    }

    /**
     * Nothing to release here: the container calls this when it shuts down, and the engine's
     * shutdown interrupts and puts back jobs still running after its grace.
     */
    @Override
    public void release() {
        // See above.
    }
}
