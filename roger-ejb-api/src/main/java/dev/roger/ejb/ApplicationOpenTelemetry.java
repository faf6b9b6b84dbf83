package dev.roger.ejb;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.util.Set;

/**
 * Finds the application's {@code io.opentelemetry.api.OpenTelemetry} CDI bean, to hand to the
 * adapter: the one MicroProfile Telemetry provides (Payara, WildFly's subsystem), or the
 * application's own producer, which wins when it is an {@code @Alternative} with a
 * {@code @Priority}. Looked up by name, so this module needs no OpenTelemetry at compile time and
 * an application without it on its class path simply has none.
 */
final class ApplicationOpenTelemetry {

    static final String TYPE = "io.opentelemetry.api.OpenTelemetry";

    private static final System.Logger LOG = System.getLogger(ApplicationOpenTelemetry.class.getName());

    private ApplicationOpenTelemetry() {
    }

    /** The application's OpenTelemetry, or null when it has none (or it cannot be resolved). */
    static Object find(BeanManager beans, ClassLoader application) {
        Class<?> type;
        try {
            type = Class.forName(TYPE, false, application);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        try {
            Set<Bean<?>> candidates = beans.getBeans(type);
            Bean<?> bean = beans.resolve(candidates);
            if (bean == null) {
                return null;
            }
            return beans.getReference(bean, type, beans.createCreationalContext(bean));
        } catch (RuntimeException e) {
            // Ambiguous producers, or a server whose telemetry is off and says so by throwing:
            // jobs still run, only their spans go to GlobalOpenTelemetry.
            LOG.log(Level.WARNING, "Roger could not get this application''s OpenTelemetry bean ({0}); its jobs'' "
                    + "spans go to GlobalOpenTelemetry", String.valueOf(e));
            return null;
        }
    }
}
