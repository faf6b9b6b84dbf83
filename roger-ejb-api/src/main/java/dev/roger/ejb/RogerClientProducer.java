package dev.roger.ejb;

import dev.roger.api.RogerClient;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import dev.roger.api.spi.RogerConnectionFactory;

/** Makes {@code @Inject RogerClient} work in applications. */
@Dependent
public class RogerClientProducer {

    @Resource(lookup = RogerBridge.CONNECTION_FACTORY)
    private RogerConnectionFactory factory;

    @Produces
    @Dependent
    RogerClient rogerClient() {
        return new ContainerRogerClient(factory);
    }
}
