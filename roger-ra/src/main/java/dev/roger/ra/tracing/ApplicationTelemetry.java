package dev.roger.ra.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import dev.roger.client.tracing.MessagingAttributes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which {@link OpenTelemetry} records a job's spans. In a server each application (or the server
 * for it: MicroProfile Telemetry on Payara, WildFly's subsystem) sets up its own SDK, so the
 * application's startup glue hands its CDI {@code OpenTelemetry} to the adapter, keyed by its
 * class loader like the event sinks. A job run by an application's bean, or enqueued on an
 * application's thread, uses that one; anything else uses {@link GlobalOpenTelemetry} (a no-op
 * unless something set it up, e.g. the OpenTelemetry Java agent). With tracing turned off
 * ({@code tracingEnabled=false}) every job and enqueue uses {@link OpenTelemetry#noop()}: no span and
 * no trace header, whatever the application or the server set up.
 */
public final class ApplicationTelemetry {

    private static final System.Logger LOG = System.getLogger(ApplicationTelemetry.class.getName());

    private final Map<ClassLoader, OpenTelemetry> applications = new ConcurrentHashMap<>();
    private final boolean enabled;

    /** @param enabled false: nothing is traced ({@code tracingEnabled}) */
    public ApplicationTelemetry(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Takes an application's OpenTelemetry, typed {@code Object} in the SPI so that the API the
     * applications compile against has no OpenTelemetry types.
     *
     * @return false when it is not an instance of the OpenTelemetry API this adapter loaded (the
     *         application bundles another copy the adapter cannot see): its jobs then use the global one
     */
    public boolean register(ClassLoader application, Object openTelemetry) {
        if (!enabled) {
            LOG.log(Level.DEBUG, "Roger tracing is off (tracingEnabled=false): the OpenTelemetry of {0} is not used",
                    application);
            return true;
        }
        if (!(openTelemetry instanceof OpenTelemetry telemetry)) {
            LOG.log(Level.WARNING, "Roger cannot record traces with the application''s OpenTelemetry ({0} from {1}): "
                    + "it is not the OpenTelemetry API the adapter loaded ({2}); the application must not bundle "
                    + "its own opentelemetry-api. Its jobs use GlobalOpenTelemetry", openTelemetry == null ? null
                    : openTelemetry.getClass().getName(), openTelemetry == null ? null
                    : openTelemetry.getClass().getClassLoader(), OpenTelemetry.class.getClassLoader());
            return false;
        }
        Tracer tracer;
        try {
            // Resolved now, on the application's thread: the object handed over may be a CDI proxy
            // that only works while application code runs (Payara's MicroProfile Telemetry throws
            // "No application code is executing" on a WorkManager thread), and jobs start there.
            tracer = telemetry.getTracer(MessagingAttributes.SCOPE);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Roger cannot record traces with the application''s OpenTelemetry ({0}): {1}; "
                    + "its jobs use GlobalOpenTelemetry", telemetry.getClass().getName(), String.valueOf(e));
            return false;
        }
        applications.put(application, new FixedTracer(tracer));
        LOG.log(Level.INFO, "Roger records the spans of the application of {0} with its OpenTelemetry ({1})",
                application, telemetry.getClass().getName());
        return true;
    }

    /** An OpenTelemetry whose every tracer is the one resolved at registration. */
    private record FixedTracer(Tracer tracer) implements OpenTelemetry {
        @Override
        public TracerProvider getTracerProvider() {
            return new TracerProvider() {
                @Override
                public Tracer get(String name) {
                    return tracer;
                }

                @Override
                public Tracer get(String name, String version) {
                    return tracer;
                }
            };
        }

        @Override
        public ContextPropagators getPropagators() {
            // Roger writes and reads W3C trace context itself (TraceHeaders).
            return ContextPropagators.noop();
        }
    }

    public void unregister(ClassLoader application) {
        applications.remove(application);
    }

    /** The OpenTelemetry of the application whose loader (or an ancestor of it) loaded {@code beanClass}. */
    public OpenTelemetry forBean(Class<?> beanClass) {
        return of(beanClass.getClassLoader());
    }

    /** The OpenTelemetry of the application calling on this thread (its context class loader). */
    public OpenTelemetry forCaller() {
        return of(Thread.currentThread().getContextClassLoader());
    }

    private OpenTelemetry of(ClassLoader loader) {
        if (!enabled) {
            return OpenTelemetry.noop();
        }
        if (!applications.isEmpty()) {
            for (ClassLoader l = loader; l != null; l = l.getParent()) {
                OpenTelemetry t = applications.get(l);
                if (t != null) {
                    return t;
                }
            }
        }
        return GlobalOpenTelemetry.get();
    }
}
