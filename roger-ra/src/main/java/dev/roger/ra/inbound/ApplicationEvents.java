package dev.roger.ra.inbound;

import dev.roger.api.event.JobEvent;
import dev.roger.api.spi.JobEventSink;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes job lifecycle events to the application whose bean ran the job: each application
 * registers a sink with its class loader, and a bean belongs to the application whose loader
 * loaded it (or an ancestor of that loader, for EARs). An observer that throws never changes the
 * job's outcome: the exception is logged here.
 */
public final class ApplicationEvents {

    private static final System.Logger LOG = System.getLogger(ApplicationEvents.class.getName());

    private final Map<ClassLoader, JobEventSink> sinks = new ConcurrentHashMap<>();
    private final JobCounts counts = new JobCounts();
    private final JobObserver observer;

    public ApplicationEvents() {
        this(JobObserver.NONE);
    }

    /** @param observer sees every event and every burial of a delivery that never ran (the metrics) */
    public ApplicationEvents(JobObserver observer) {
        this.observer = observer;
    }

    /** What the node's jobs did, counted from the events fired here and the burials. */
    public JobCounts counts() {
        return counts;
    }

    public void register(ClassLoader application, JobEventSink sink) {
        sinks.put(application, sink);
    }

    public void unregister(ClassLoader application) {
        sinks.remove(application);
    }

    /** Fires an event for a job run by a bean of {@code beanClass}, on this thread. */
    public void fire(Class<?> beanClass, JobEvent event) {
        counts.saw(event);
        observer.saw(event);
        JobEventSink sink = sinkOf(beanClass);
        if (sink != null) {
            fire(sink, beanClass.getClassLoader(), event);
        }
    }

    /** A delivery was buried without its bean running (no event fires for it). */
    void buriedUnrun(String partition, String queue) {
        observer.buriedUnrun(partition, queue);
    }

    /** Whether the bean's application has registered (its startup singleton has run). */
    public boolean registered(Class<?> beanClass) {
        return sinkOf(beanClass) != null;
    }

    private JobEventSink sinkOf(Class<?> beanClass) {
        for (ClassLoader l = beanClass.getClassLoader(); l != null; l = l.getParent()) {
            JobEventSink sink = sinks.get(l);
            if (sink != null) {
                return sink;
            }
        }
        return null;
    }

    private static void fire(JobEventSink sink, ClassLoader loader, JobEvent event) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            sink.fire(event);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw e;
            }
            LOG.log(Level.WARNING, "An observer of " + event.getClass().getSimpleName() + " for job "
                    + event.job().id() + " threw; the job's outcome stands", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
