package dev.roger.ra.inbound;

import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;

/**
 * Requeues a delivery after a pause: an immediate requeue comes straight back to the same
 * consumer and spins.
 */
public final class DelayedRequeue {

    private final Timer timer;
    private final Duration delay;

    public DelayedRequeue(Timer timer, Duration delay) {
        this.timer = timer;
        this.delay = delay;
    }

    void requeue(Delivery delivery) {
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                delivery.requeue();
            }
        }, delay.toMillis());
    }
}
