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
}
