package dev.roger.it.longjobs;

/**
 * What a {@link LongWorkBean} job does: sleeps {@code millis} on its first run and
 * {@code rerunMillis} on any later one, recording each run in {@code dir} (see {@link Runs}).
 */
public record Work(String dir, long millis, long rerunMillis) {
}
