package dev.roger.bench;

import dev.roger.client.amqp.AmqpSettings;
import java.nio.file.Path;

/**
 * Where things are and which versions run, read once from the system properties Maven's
 * {@code bench} profile sets (and the broker URI from where every Roger tool reads it), so the rest
 * of the launcher never looks there.
 *
 * @param dir          where Payara Micro, the RAR and the WAR were copied; logs and Payara's files go there
 * @param resultsDir   {@code bench/results} at the repository root
 * @param amqpUri      the broker ({@code ROGER_AMQP_URI}, {@code -Droger.amqp.uri}, else the local default)
 * @param postgresUrl  JDBC URL of the PostgreSQL server, without a database ({@code -Dbench.postgres.url})
 * @param postgresUser its user ({@code -Dbench.postgres.user}; trust authentication, no password)
 * @param payaraHeap   the Payara Micro node's {@code -Xmx}, fixed so memory figures compare across runs
 * @param versions     what is measured, for the results file
 */
public record BenchConfig(Path dir, Path resultsDir, String amqpUri, String postgresUrl, String postgresUser,
                          String payaraHeap, Versions versions) {

    /** Versions of the measured software, as Maven resolved them. */
    public record Versions(String roger, String payaraMicro, String perfTest, String jobRunr, String java) {
    }

    public static BenchConfig fromSystemProperties() {
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath().normalize();
        Path results = Path.of(System.getProperty("bench.results", "../bench/results")).toAbsolutePath().normalize();
        return new BenchConfig(dir, results, AmqpSettings.defaultUri(),
                System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/"),
                System.getProperty("bench.postgres.user", "postgres"),
                System.getProperty("bench.payara.heap", "1g"),
                new Versions(property("bench.version.roger"), property("bench.version.payara"),
                        property("bench.version.perftest"), property("bench.version.jobrunr"),
                        System.getProperty("java.version")));
    }

    private static String property(String name) {
        return System.getProperty(name, "unknown");
    }

    /** The broker URI without its password, for output. */
    public String redactedUri() {
        return AmqpSettings.redact(amqpUri);
    }
}
