package dev.roger.demo.launcher;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops Payara Micro, then deletes the demo's queues (stopping first, or its consumers would
 * redeclare them). Runs once, either at the end of the run or from the shutdown hook when the
 * launcher is interrupted (Ctrl-C), so no server is left running either way.
 */
final class Cleanup implements Runnable {

    private final PayaraMicro payara;
    private final DemoQueues queues;
    private final PrintStream out;
    private final AtomicBoolean done = new AtomicBoolean();

    Cleanup(PayaraMicro payara, DemoQueues queues, PrintStream out) {
        this.payara = payara;
        this.queues = queues;
        this.out = out;
    }

    /** Registers this clean-up as a shutdown hook. */
    Cleanup onShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this, "demo-cleanup"));
        return this;
    }

    @Override
    public void run() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        out.println("Stopping Payara Micro and deleting the demo's queues ...");
        try {
            payara.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            queues.delete();
        } catch (DemoFailure e) {
            out.println("Warning: " + e.getMessage());
        }
    }
}
