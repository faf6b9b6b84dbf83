package dev.roger.it.coordination;

/**
 * What a {@link WorkBean} job does: sleep {@code millis} (interruptibly), or wait for the named
 * gate when {@code gate} is set; then fail when {@code fail} is set.
 */
public record Work(long millis, boolean fail, String gate) {

    public static Work sleep(long millis) {
        return new Work(millis, false, null);
    }

    public static Work failing() {
        return new Work(0, true, null);
    }

    public static Work until(String gate) {
        return new Work(0, false, gate);
    }
}
