package dev.roger.it.console;

/** {@link ConsoleJobBean}'s arguments: whether the job fails (and is buried at once). */
public record ConsoleWork(boolean fail) {
}
