package dev.roger.chaos.fault;

import java.time.Instant;

/**
 * When and how a fault was injected, and how long the suite took to be whole again.
 *
 * @param name            the fault, e.g. {@code kill -9 node}
 * @param injectedAt      when the injection began
 * @param atSeconds       seconds from the phase's first enqueue to the injection
 * @param jobsSent        jobs the producer had sent by then
 * @param detail          what happened (target, process ids, how a shutdown went)
 * @param problem         what went wrong that fails the phase, else null
 * @param recoverySeconds from the injection until every node consumed again (and, in a cluster,
 *                        every quorum member was online)
 */
public record FaultRecord(String name, Instant injectedAt, double atSeconds, int jobsSent, String detail,
                          String problem, double recoverySeconds) {
}
