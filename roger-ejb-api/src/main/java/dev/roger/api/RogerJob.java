package dev.roger.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the job type a {@link RogerJobListener} bean handles, and the queue its jobs go to by
 * default. Optional: without it the type is the bean class's simple name and the queue is
 * {@code default}. The activation properties {@code jobType} and {@code queue} take precedence.
 *
 * <p>Producers that have the class on their classpath can use {@link Job#builder(Class)}, which
 * reads this annotation too.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RogerJob {

    /** The job type; empty means the annotated class's simple name. */
    String type() default "";

    /** The queue jobs of this type go to unless the job names another; empty means {@code default}. */
    String queue() default "";

    /**
     * Whether a failed job of this type is retried with backoff (a job can also ask for it with
     * {@link Job.Builder#retryable(boolean)}). A failure implementing {@link NonRetryable} is never
     * retried.
     */
    boolean retryable() default false;

    /**
     * This type's retry delays in seconds, e.g. {@code "1,3,5"}; empty means the resource adapter's
     * {@code retryLevels}.
     */
    String retryLevels() default "";

    /**
     * The longest a job of this type may run, in seconds, unless the job sets its own; 0 means no
     * limit. When exceeded, the job's thread is interrupted and the attempt fails at once.
     */
    long maxExecutionSeconds() default 0;

    /**
     * Makes this type a recurring job: a cron expression of six fields, {@code second minute hour
     * day-of-month month day-of-week} (e.g. {@code "0 0/5 * * * *"}, every five minutes), on whose
     * every tick one job of this type (no arguments) is enqueued in each partition this bean is
     * started with at boot, once for the whole cluster. Its name is the job type. Empty: none.
     * An invalid expression fails the bean's deployment with a message naming the bean.
     */
    String cron() default "";

    /** The time zone of {@link #cron()}: an IANA id such as {@code Europe/Amsterdam}; empty means UTC. */
    String zone() default "";

    /** What becomes of {@link #cron()} ticks missed while no node ran the partition. */
    RecurringJob.Misfire misfire() default RecurringJob.Misfire.FIRE_ONCE;
}
