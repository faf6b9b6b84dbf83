package dev.roger.demo.jobs;

/**
 * The demo's partitions (tenants) and their workers per queue, in one place: the bean that
 * declares them reads this constant, and the launcher reads it to know where to enqueue and
 * which queues to delete afterwards. {@code initech} gets fewer workers, so it visibly finishes
 * last.
 */
public final class DemoPartitions {

    /** The {@code partitions} activation property of the demo's job beans. */
    public static final String SPEC = "acme[default=10]; globex[default=10]; initech[default=5]";

    private DemoPartitions() {
    }
}
