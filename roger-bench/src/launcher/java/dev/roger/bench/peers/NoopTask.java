package dev.roger.bench.peers;

/** JobRunr's no-op job: a public static method, so JobRunr needs no instance or activator to run it. */
public final class NoopTask {

    private NoopTask() {
    }

    /** Does nothing, like Roger's no-op job. */
    public static void run() {
        // The measurement is JobRunr's own cost per job.
    }
}
