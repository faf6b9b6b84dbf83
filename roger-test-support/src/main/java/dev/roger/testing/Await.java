package dev.roger.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes. */
public final class Await {

    private Await() {
    }

    /** Waits until {@code condition} holds; fails with {@code what} and the last value when it does not in time. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            pause();
        }
    }

    /** Checks that {@code condition} keeps holding for the whole {@code period}: for "nothing goes wrong" checks. */
    public static void holds(String what, Duration period, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("No longer true: " + what);
            }
            pause();
        }
    }

    /** Waits until {@code supplier} gives a non-null value, and returns it. */
    public static <T> T value(String what, Duration timeout, Supplier<T> supplier) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value;
        while ((value = supplier.get()) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            pause();
        }
        return value;
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
