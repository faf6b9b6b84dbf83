package dev.roger.it.retry;

/**
 * What a retry test job does: sleeps (noting an interrupt and then returning normally), then
 * fails while its attempt ({@code retryCount}) is below {@code failures}, with this kind of error.
 *
 * @param failures    how many attempts fail (from the first); {@link Integer#MAX_VALUE} for all
 * @param sleepMillis how long it sleeps first (interruptibly)
 * @param error       {@code state} (IllegalStateException), {@code nonretryable}
 *                    (NonRetryableException), {@code nonretryable-cause} (an IllegalStateException
 *                    caused by one), {@code assertion} (AssertionError "boom"), {@code switch} (an
 *                    IllegalStateException while the {@link Trace} switch is on, whatever the attempt)
 */
public record Plan(int failures, long sleepMillis, String error) {

    public static Plan alwaysFails() {
        return new Plan(Integer.MAX_VALUE, 0, "state");
    }

    public static Plan alwaysFails(String error) {
        return new Plan(Integer.MAX_VALUE, 0, error);
    }

    public static Plan failsFirst() {
        return new Plan(1, 0, "state");
    }

    public static Plan sleeps(long millis) {
        return new Plan(0, millis, "state");
    }

    public static Plan failsWhileSwitchOn() {
        return new Plan(0, 0, "switch");
    }
}
