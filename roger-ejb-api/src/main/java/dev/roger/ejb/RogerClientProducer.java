package dev.roger.ejb;

import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerClient;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import dev.roger.api.spi.RogerConnectionFactory;

/** Makes {@code @Inject RogerClient} and {@code @Inject RogerAdmin} work in applications. */
@Dependent
public class RogerClientProducer {

    @Resource(lookup = RogerBridge.CONNECTION_FACTORY)
    private RogerConnectionFactory factory;

    @Produces
    @Dependent
    RogerClient rogerClient() {
        return new ContainerRogerClient(new AdapterCalls(factory));
    }

    @Produces
    @Dependent
    RogerAdmin rogerAdmin() {
        return new ContainerRogerAdmin(new AdapterCalls(factory));
    }
}
