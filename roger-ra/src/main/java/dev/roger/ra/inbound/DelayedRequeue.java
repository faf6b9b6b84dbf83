package dev.roger.ra.inbound;

import dev.roger.client.amqp.ConfirmPublisher;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Puts a delivery Roger cannot run yet back on its queue: a copy goes to the queue's tail (with a
 * confirm) and the delivery is acked. Not a requeueing nack: a quorum queue counts those as
 * failed deliveries, and RabbitMQ 4 dead-letters or drops a message after 20 of them (its
 * default delivery limit), so a healthy job paused or waiting for its state owner could be lost.
 * When the copy cannot be published, the nack is the fallback.
 */
public final class DelayedRequeue {

    private static final System.Logger LOG = System.getLogger(DelayedRequeue.class.getName());

    private final Timer timer;
    private final Duration delay;
    private final ConfirmPublisher publisher;
    private final Consumer<Runnable> container;

    /**
     * @param container runs the republish (it waits for a confirm) off the timer's thread
     */
    public DelayedRequeue(Timer timer, Duration delay, ConfirmPublisher publisher, Consumer<Runnable> container) {
        this.timer = timer;
        this.delay = delay;
        this.publisher = publisher;
        this.container = container;
    }

    /** After the delay: an immediate requeue would come straight back to the same consumer and spin. */
    void requeue(Delivery delivery) {
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                container.accept(() -> now(delivery));
            }
        }, delay.toMillis());
    }

    /** At once, on this thread. */
    void now(Delivery delivery) {
        try {
            publisher.publish(delivery.mainQueue(), delivery.properties(),
                    delivery.body());
            delivery.ack();
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Republishing job {0} failed ({1}); requeueing it", delivery.messageId(),
                    e.getMessage());
            delivery.requeue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery.requeue();
        }
    }
}
