package dev.roger.it.support;

import dev.roger.testing.TestBroker;
import java.nio.file.Path;

/** Where the test build put Payara Micro and Roger's artifacts, and how Payara JVMs are started. */
public final class PayaraMicro {

    private PayaraMicro() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("arquillian.dir", "target/arquillian"));
    }

    public static Path microJar() {
        return dir().resolve("payara-micro.jar");
    }

    public static Path rar() {
        return dir().resolve("roger-ra.rar");
    }

    public static Path apiJar() {
        return dir().resolve("roger-ejb-api.jar");
    }

    /**
     * JVM options of every test's Payara Micro but the broker: a bounded heap, and only the first
     * JIT tier, which halves a boot's CPU (measured: 10 to 12 s of CPU instead of 21 to 24, ready in
     * 10 s instead of 13 to 15, with the RAR and a WAR). The tests check outcomes, not speed; the
     * benchmark's nodes run the full JIT.
     */
    public static java.util.List<String> nodeJvmOptions() {
        return java.util.List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");
    }

    /** JVM options of every Payara Micro the tests start: {@link #nodeJvmOptions()}, the test broker. */
    public static String jvmOptions() {
        return String.join(" ", nodeJvmOptions()) + " -Droger.amqp.uri=" + TestBroker.uri();
    }

    /** Writes a test application to {@code wars/} for a {@link PayaraProcess}. */
    public static Path export(org.jboss.shrinkwrap.api.spec.WebArchive war) throws java.io.IOException {
        Path dir = java.nio.file.Files.createDirectories(dir().resolve("wars"));
        Path file = dir.resolve(war.getName());
        war.as(org.jboss.shrinkwrap.api.exporter.ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }
}
