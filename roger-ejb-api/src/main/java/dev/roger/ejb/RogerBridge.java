package dev.roger.ejb;

import dev.roger.api.spi.Registration;
import dev.roger.api.spi.RogerConnection;
import dev.roger.api.spi.RogerConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.lang.System.Logger.Level;

/**
 * The application's side of Roger: defines the connection factory on the resource adapter
 * (deployed as {@code roger-ra}) and, at start, registers this application so the adapter can
 * fire job lifecycle events into its CDI container. One per application; it comes with the
 * {@code roger-ejb-api} dependency, nothing to write.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@ConnectionFactoryDefinition(
        name = RogerBridge.CONNECTION_FACTORY,
        interfaceName = "dev.roger.api.spi.RogerConnectionFactory",
        resourceAdapter = RogerBridge.RESOURCE_ADAPTER,
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 0,
        maxPoolSize = 64)
public class RogerBridge {

    /** The JNDI name of the application's Roger connection factory. */
    public static final String CONNECTION_FACTORY = "java:app/roger/ConnectionFactory";

    /** The name the resource adapter is deployed under (the RAR file name without {@code .rar}). */
    public static final String RESOURCE_ADAPTER = "roger-ra";

    private static final System.Logger LOG = System.getLogger(RogerBridge.class.getName());

    @Resource(lookup = CONNECTION_FACTORY)
    private RogerConnectionFactory factory;

    @Inject
    private BeanManager beanManager;

    private ClassLoader application;
    /** Withdrawn at undeploy, when the application's connection factory may be gone already. */
    private Registration registration;
    private Registration telemetry;

    @PostConstruct
    void register() {
        application = Thread.currentThread().getContextClassLoader();
        try (RogerConnection connection = factory.getConnection()) {
            CdiEvents events = new CdiEvents(beanManager);
            registration = connection.registerApplication(application, events::fire);
            Object openTelemetry = ApplicationOpenTelemetry.find(beanManager, application);
            if (openTelemetry != null) {
                telemetry = connection.registerTelemetry(application, openTelemetry);
            }
        } catch (Exception e) {
            // Jobs still run without the bridge; only their lifecycle events are lost.
            LOG.log(Level.WARNING, "Roger could not register this application for job events", e);
        }
    }

    @PreDestroy
    void unregister() {
        Registrations.cancel(registration, "event sink");
        Registrations.cancel(telemetry, "OpenTelemetry");
        registration = null;
        telemetry = null;
    }
}
