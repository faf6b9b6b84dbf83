package dev.roger.ra.inbound;

import dev.roger.api.Names;
import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerJob;
import java.util.ArrayList;
import java.util.List;

/**
 * A bean's activation config, resolved against its class and the adapter's defaults and checked.
 *
 * @param bean       the bean's name for messages (its class name)
 * @param jobType    the job type it runs
 * @param queue      its type's default queue
 * @param partitions partitions it declares explicitly (empty: none)
 * @param implicit   what it makes the node consume while no bean declares partitions
 *                   ({@code default[<queue>=<defaultWorkers>]})
 * @param failures   how its type's failures are handled
 * @param recurring  its {@code @RogerJob(cron)} as a recurring job named after the type; empty for none
 */
public record ActivationConfig(String bean, String jobType, String queue, List<PartitionSpec> partitions,
                               PartitionSpec implicit, FailurePolicy failures,
                               java.util.Optional<dev.roger.api.RecurringJob> recurring) {

    /**
     * A job type's failure handling, from {@code @RogerJob}.
     *
     * @param retryable        whether failures are retried
     * @param retryLevels      the type's own schedule, or {@code null} for the adapter's
     * @param maxExecutionTime the type's limit, or {@code null} for none
     */
    public record FailurePolicy(boolean retryable, RetrySchedule retryLevels, java.time.Duration maxExecutionTime) {
        public static final FailurePolicy NONE = new FailurePolicy(false, null, null);
    }

    /**
     * Resolves and checks a bean's config; reports every invalid property at once.
     *
     * @throws InvalidActivationException naming the bean, each property and its value
     */
    public static ActivationConfig resolve(String jobType, String queue, String partitions, Class<?> beanClass,
                                           String defaultPartition, int defaultWorkers) {
        String bean = beanClass.getName();
        RogerJob annotation = beanClass.getAnnotation(RogerJob.class);
        List<String> errors = new ArrayList<>();

        String type = firstNonBlank(jobType, annotation == null ? null : annotation.type(), beanClass.getSimpleName());
        try {
            Names.requireJobType(type);
        } catch (IllegalArgumentException e) {
            errors.add(describe("jobType", jobType, e));
        }
        String q = firstNonBlank(queue, annotation == null ? null : annotation.queue(), Names.DEFAULT_QUEUE);
        try {
            Names.requireQueue(q);
        } catch (IllegalArgumentException e) {
            errors.add(describe("queue", queue != null ? queue : q, e));
        }
        List<PartitionSpec> specs = List.of();
        try {
            specs = List.copyOf(PartitionSpec.parseList(partitions));
            if (partitions != null && !partitions.isBlank() && specs.isEmpty()) {
                throw new IllegalArgumentException("no partition in it");
            }
        } catch (IllegalArgumentException e) {
            errors.add(describe("partitions", partitions, e));
        }
        FailurePolicy failures = FailurePolicy.NONE;
        if (annotation != null) {
            RetrySchedule levels = null;
            try {
                levels = annotation.retryLevels().isBlank() ? null
                        : RetrySchedule.parse("@RogerJob(retryLevels)", annotation.retryLevels());
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
            if (annotation.maxExecutionSeconds() < 0) {
                errors.add("@RogerJob(maxExecutionSeconds) = " + annotation.maxExecutionSeconds() + ": must be 0 (no limit) "
                        + "or more");
            }
            failures = new FailurePolicy(annotation.retryable(), levels, annotation.maxExecutionSeconds() > 0
                    ? java.time.Duration.ofSeconds(annotation.maxExecutionSeconds()) : null);
        }
        java.util.Optional<dev.roger.api.RecurringJob> recurring = java.util.Optional.empty();
        if (annotation != null && !annotation.cron().isBlank()) {
            try {
                recurring = java.util.Optional.of(dev.roger.api.RecurringJob
                        .builder(recurringName(type), annotation.cron(), type)
                        .zone(dev.roger.state.CronSchedule.zone(annotation.zone())).misfire(annotation.misfire())
                        .build());
            } catch (IllegalArgumentException e) {
                errors.add("@RogerJob(cron = \"" + annotation.cron() + "\", zone = \"" + annotation.zone() + "\"): "
                        + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidActivationException("Invalid Roger activation config of message-driven bean " + bean
                    + ": " + String.join("; ", errors));
        }
        PartitionSpec implicit = PartitionSpec.of(defaultPartition).withQueue(q, defaultWorkers);
        return new ActivationConfig(bean, type, q, specs, implicit, failures, recurring);
    }

    /** A job type as a recurring job's name: the characters a name cannot hold become '_'. */
    static String recurringName(String type) {
        String name = type.replaceAll("[^A-Za-z0-9_-]", "_");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** Its own partitions, else the implicit one (used only while no bean declares partitions). */
    public List<PartitionSpec> effectivePartitions() {
        return partitions.isEmpty() ? List.of(implicit) : partitions;
    }

    private static String describe(String property, String value, IllegalArgumentException e) {
        return "property '" + property + "' = '" + value + "': " + e.getMessage();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
