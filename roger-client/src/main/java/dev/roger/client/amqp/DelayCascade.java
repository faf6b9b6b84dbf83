package dev.roger.client.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Where scheduled jobs wait on the broker until they are due, with no plugin: a fixed cascade of
 * {@value #LEVELS} durable queues, level {@code n} holding a message {@code 100 ms x 2^n} (its
 * message TTL) before dead-lettering it to the level below. A job's delay, in units of 100 ms, is
 * written in binary as the routing key, one word per level, highest first ({@code 0.0.…1.0.1});
 * each level's topic exchange sends a message whose digit for that level is 1 into the level's
 * queue and one whose digit is 0 straight on to the next level's exchange. So a job passes only
 * the queues of its delay's 1 digits, and after level 0 reaches the delivery exchange, a headers
 * exchange to which each main queue is bound by its name ({@value #DESTINATION_HEADER}). Every
 * queue of a level has one TTL, so its messages expire in the order they came, at the head.
 *
 * <p>The design is NServiceBus's RabbitMQ delay infrastructure; the queue and exchange names are
 * Roger's ({@link BrokerNames#delayLevel}). What the delivery exchange cannot route (a main queue
 * deleted since the enqueue) goes to its alternate exchange and waits in
 * {@link BrokerNames#delayUnrouted()}, never dropped.
 */
public final class DelayCascade {

    /** The number of levels: delays up to (2^30 - 1) x 100 ms, about 3.4 years. */
    public static final int LEVELS = 30;
    /** The cascade's resolution: delays are rounded up to a multiple of it. */
    public static final Duration UNIT = Duration.ofMillis(100);
    /** The header that names the main queue a scheduled job goes to when it is due. */
    public static final String DESTINATION_HEADER = "roger-delay-to";
    /** The header with the job's due time, epoch milliseconds. */
    public static final String DUE_HEADER = "roger-due";

    private final ConfirmPublisher channels;
    private final BrokerNames names;
    private volatile boolean declared;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();

    public DelayCascade(ConfirmPublisher channels, BrokerNames names) {
        this.channels = channels;
        this.names = names;
    }

    /** The delay from {@code now} to {@code due} in units of 100 ms, rounded up; 0 when it is due. */
    public static long units(Instant now, Instant due) {
        long millis = Duration.between(now, due).toMillis();
        if (millis <= 0) {
            return 0;
        }
        long units = (millis + UNIT.toMillis() - 1) / UNIT.toMillis();
        if (units >= 1L << LEVELS) {
            throw new IllegalArgumentException("a delay of " + Duration.ofMillis(millis)
                    + " is over the longest the cascade holds, " + UNIT.multipliedBy((1L << LEVELS) - 1));
        }
        return units;
    }

    /** The routing key of a delay: its {@value #LEVELS} binary digits, highest first, as words. */
    public static String routingKey(long units) {
        StringBuilder key = new StringBuilder(2 * LEVELS);
        for (int level = LEVELS - 1; level >= 0; level--) {
            key.append((units >>> level & 1) == 1 ? '1' : '0');
            if (level > 0) {
                key.append('.');
            }
        }
        return key.toString();
    }

    /** The level whose queue a job with this delay waits in first (its highest 1 digit); -1 for none. */
    public static int firstLevel(long units) {
        return 63 - Long.numberOfLeadingZeros(units);
    }

    /**
     * The message that schedules a job: its properties with the destination and due time added,
     * for the exchange of the level it waits in first.
     *
     * @param units its delay, at least 1
     */
    public ConfirmPublisher.Message message(String mainQueue, AMQP.BasicProperties props, byte[] body, long units,
                                            Instant due) {
        Map<String, Object> headers = props.getHeaders() == null ? new HashMap<>() : new HashMap<>(props.getHeaders());
        headers.put(DESTINATION_HEADER, mainQueue);
        headers.put(DUE_HEADER, due.toEpochMilli());
        // Straight to the exchange of the first level it waits in: routing it from the top through
        // the exchanges of its leading 0 digits made a scheduled enqueue 20 to 35 times slower.
        return new ConfirmPublisher.Message(names.delayLevel(firstLevel(units)), routingKey(units),
                props.builder().headers(headers).build(), body);
    }

    /**
     * Declares the cascade, once per process (again after {@link #forget}), and binds
     * {@code mainQueue} to the delivery exchange, once per queue.
     */
    public void ensureRoute(String mainQueue) throws IOException, TimeoutException, InterruptedException {
        if (!declared) {
            synchronized (this) {
                if (!declared) {
                    declareCascade();
                    declared = true;
                }
            }
        }
        if (bound.add(mainQueue)) {
            try {
                channels.withChannel(ch -> ch.queueBind(mainQueue, names.delayDelivery(), "",
                        Map.of("x-match", "all", DESTINATION_HEADER, mainQueue)));
            } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
                bound.remove(mainQueue);
                throw e;
            }
        }
    }

    /** Forgets what was declared and bound, so the next schedule declares it again (e.g. after a broker restart). */
    public void forget() {
        declared = false;
        bound.clear();
    }

    /** Forgets one main queue's binding (the queue was deleted and may be declared anew without it). */
    public void forget(String mainQueue) {
        bound.remove(mainQueue);
    }

    private void declareCascade() throws IOException, TimeoutException, InterruptedException {
        String delivery = names.delayDelivery();
        String unrouted = names.delayUnrouted();
        channels.withChannel(ch -> {
            ch.exchangeDeclare(unrouted, BuiltinExchangeType.FANOUT, true);
            ch.queueDeclare(unrouted, true, false, false, Map.of("x-queue-type", "classic"));
            ch.queueBind(unrouted, unrouted, "");
            ch.exchangeDeclare(delivery, BuiltinExchangeType.HEADERS, true, false,
                    Map.of("alternate-exchange", unrouted));
            for (int level = 0; level < LEVELS; level++) {
                String name = names.delayLevel(level);
                String below = level == 0 ? delivery : names.delayLevel(level - 1);
                ch.exchangeDeclare(name, BuiltinExchangeType.TOPIC, true);
                ch.queueDeclare(name, true, false, false, Map.of("x-queue-type", "classic",
                        "x-message-ttl", UNIT.toMillis() << level, "x-dead-letter-exchange", below));
                String digits = "*.".repeat(LEVELS - 1 - level);
                ch.queueBind(name, name, digits + "1.#");
                ch.exchangeBind(below, name, digits + "0.#");
            }
            return null;
        });
    }
}
