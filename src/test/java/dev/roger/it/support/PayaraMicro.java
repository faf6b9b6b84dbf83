package dev.roger.it.support;

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

    /** JVM options of every Payara Micro the tests start: bounded heap, the test broker. */
    public static String jvmOptions() {
        return "-Xmx512m -Droger.amqp.uri=" + TestBroker.uri();
    }
}
