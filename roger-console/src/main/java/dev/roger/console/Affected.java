package dev.roger.console;

/** How many jobs an operation on buried jobs moved or deleted. */
public record Affected(int count) {
}
