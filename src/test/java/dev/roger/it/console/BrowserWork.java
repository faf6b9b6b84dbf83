package dev.roger.it.console;

/**
 * {@link BrowserJobBean}'s arguments: how long the job runs, a file whose existence makes it fail
 * (null: never), and the directory where it leaves a file named after its id once it ran.
 */
public record BrowserWork(long millis, String failWhileExists, String doneDir) {
}
