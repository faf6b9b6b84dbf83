package dev.roger.chaos.app;

/**
 * A chaos job's arguments: how long it works. Long enough that a node killed or stopped during
 * the run has jobs in progress.
 *
 * @param millis how long the job sleeps before it records its execution
 */
public record ChaosWork(long millis) {
}
