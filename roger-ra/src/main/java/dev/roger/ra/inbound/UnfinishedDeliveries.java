package dev.roger.ra.inbound;

import java.util.Map;

/**
 * How many times the broker gave a message out before without it being acked, read from the
 * headers it adds, whatever the broker's version means by them. Roger's poison rule stands on this
 * count, and Roger's own put-backs publish a fresh copy, so only deliveries that ended without an
 * ack (the node died, the connection dropped, the consumer was cancelled) are counted.
 * <ul>
 * <li>RabbitMQ 4.3 and later: {@code x-acquired-count} counts every earlier acquisition of the
 * message by a consumer, and each of those ended without an ack (an acked message is not given out
 * again). Its {@code x-delivery-count} counts only <em>failed</em> deliveries (a reject, a closed
 * channel), not a consumer timeout or a requeueing nack, so it is not read when the other is there.</li>
 * <li>RabbitMQ 3.10 to 4.2: quorum queues count every return in {@code x-delivery-count}
 * (closed channel, reject, nack, cancelled consumer); there is no {@code x-acquired-count}.</li>
 * <li>Classic queues before 4.3 count nothing: 0, and the poison rule never applies there.</li>
 * </ul>
 * A message the broker does not mark redelivered was never given out before, so it counts 0
 * whatever its headers say: RabbitMQ 4.0 passes a published {@code x-delivery-count} through on
 * the first delivery (3.10 replaced it), so a stale or forged header must not make a fresh job poison.
 * {@code UnfinishedDeliveriesTest} checks this against header sets recorded from 3.10 and 4.0 and
 * written from 4.3's documentation.
 */
final class UnfinishedDeliveries {

    static final String ACQUIRED = "x-acquired-count";
    static final String DELIVERY = "x-delivery-count";

    private UnfinishedDeliveries() {
    }

    /** The count, 0 for a first delivery or when the headers tell none; never negative. */
    static long of(Map<String, Object> headers, boolean redelivered) {
        if (headers == null || !redelivered) {
            return 0;
        }
        Object acquired = headers.get(ACQUIRED);
        Object v = acquired instanceof Number ? acquired : headers.get(DELIVERY);
        return v instanceof Number n ? Math.max(0, n.longValue()) : 0;
    }
}
