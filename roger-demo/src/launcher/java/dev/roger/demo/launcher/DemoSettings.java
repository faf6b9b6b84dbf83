package dev.roger.demo.launcher;

import dev.roger.api.PartitionSpec;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.demo.jobs.DemoPartitions;
import java.nio.file.Path;
import java.util.List;

/**
 * What one demo run uses, read once from system properties and the environment so the rest of
 * the launcher never looks there.
 *
 * @param dir        where Payara Micro, the RAR and the WAR were copied; Payara's files and log go there too
 * @param jobs       how many jobs to enqueue ({@code -Ddemo.jobs})
 * @param amqpUri    the broker ({@code ROGER_AMQP_URI}, else the local default)
 * @param partitions the partitions the demo application consumes
 * @param console    whether to deploy the web console too and leave the node running after the jobs ({@code -Ddemo.console=true})
 */
record DemoSettings(Path dir, int jobs, String amqpUri, List<PartitionSpec> partitions, boolean console) {

    static DemoSettings fromEnvironment() {
        Path dir = Path.of(System.getProperty("demo.dir", "target/demo")).toAbsolutePath().normalize();
        String jobsText = System.getProperty("demo.jobs", "3000").strip();
        int jobs;
        try {
            jobs = Integer.parseInt(jobsText);
        } catch (NumberFormatException e) {
            throw new DemoFailure("-Ddemo.jobs=" + jobsText + " is not a number");
        }
        if (jobs < 1) {
            throw new DemoFailure("-Ddemo.jobs must be at least 1, was " + jobs);
        }
        boolean console = Boolean.parseBoolean(System.getProperty("demo.console", "false").strip());
        return new DemoSettings(dir, jobs, AmqpSettings.defaultUri(), PartitionSpec.parseList(DemoPartitions.SPEC), console);
    }

    /** The partition ids, in declaration order. */
    List<String> partitionIds() {
        return partitions.stream().map(PartitionSpec::partition).toList();
    }

    /** The broker URI without its password, for output. */
    String redactedUri() {
        return AmqpSettings.redact(amqpUri);
    }
}
