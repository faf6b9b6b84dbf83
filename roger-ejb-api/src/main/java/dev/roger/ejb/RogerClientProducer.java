package dev.roger.ejb;

import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerClient;
import dev.roger.api.RogerOutbox;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import dev.roger.api.spi.RogerConnectionFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Makes {@code @Inject RogerClient}, {@code @Inject RogerAdmin} and {@code @Inject RogerOutbox} work in applications. */
@Dependent
public class RogerClientProducer {

    @Resource(lookup = RogerBridge.CONNECTION_FACTORY)
    private RogerConnectionFactory factory;

    @Resource
    private TransactionSynchronizationRegistry transactions;

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

    @Produces
    @Dependent
    RogerOutbox rogerOutbox() {
        return new ContainerRogerOutbox(new AdapterCalls(factory), transactions);
    }
}
