package dev.roger.ra.inbound;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which bean runs which job type on this node: one bean per type. */
public final class EndpointRegistry {

    /** A job type's bean, and its idle endpoints. */
    public record Endpoint(MessageEndpointFactory factory, ActivationConfig config, EndpointPool pool) {
    }

    private final Map<String, Endpoint> byType = new ConcurrentHashMap<>();

    /**
     * @throws InvalidActivationException naming both beans when the type already has one
     */
    public synchronized void add(MessageEndpointFactory factory, ActivationConfig config) {
        Endpoint existing = byType.get(config.jobType());
        if (existing != null && existing.factory() != factory) {
            throw new InvalidActivationException("Invalid Roger activation config of message-driven bean "
                    + config.bean() + ": job type '" + config.jobType() + "' is already run by message-driven bean "
                    + existing.config().bean() + " (give one of them another jobType)");
        }
        EndpointPool pool = existing != null ? existing.pool() : new EndpointPool(factory);
        byType.put(config.jobType(), new Endpoint(factory, config, pool));
    }

    public synchronized void remove(MessageEndpointFactory factory) {
        byType.values().removeIf(e -> {
            if (e.factory() != factory) {
                return false;
            }
            e.pool().close();
            return true;
        });
    }

    /** Every retry delay, in seconds, that a registered type's own retry levels use. */
    public java.util.Set<Long> typeRetryDelays() {
        java.util.Set<Long> delays = new java.util.TreeSet<>();
        byType.values().forEach(e -> {
            RetrySchedule levels = e.config().failures().retryLevels();
            if (levels != null) {
                levels.levels().forEach(l -> delays.add(l.longValue()));
            }
        });
        return delays;
    }

    public Optional<Endpoint> find(String jobType) {
        return Optional.ofNullable(byType.get(jobType));
    }

    public Optional<Endpoint> byFactory(MessageEndpointFactory factory) {
        return byType.values().stream().filter(e -> e.factory() == factory).findFirst();
    }
}
