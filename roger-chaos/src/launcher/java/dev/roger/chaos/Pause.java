package dev.roger.chaos;

import java.time.Duration;

/** A deliberate pause (how long a broker stays down, a poll interval); an interrupt ends the run. */
public final class Pause {

    private Pause() {
    }

    public static void of(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosFailure("Interrupted during a fault", e);
        }
    }
}
