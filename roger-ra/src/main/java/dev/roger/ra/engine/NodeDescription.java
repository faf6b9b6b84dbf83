package dev.roger.ra.engine;

import dev.roger.api.Job;
import dev.roger.api.admin.RunningJobInfo;
import dev.roger.ra.inbound.RunningJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** What this node says of itself when asked for Info. */
final class NodeDescription {

    private NodeDescription() {
    }

    /** The application server and its version, from what the JVM says; "unknown" elsewhere. */
    static String server() {
        String payara = System.getProperty("com.sun.aas.installRoot");
        if (payara != null || System.getProperty("payaramicro.name") != null
                || System.getProperty("com.sun.aas.instanceRoot") != null) {
            return "Payara (GlassFish) on Java " + System.getProperty("java.version");
        }
        if (System.getProperty("jboss.home.dir") != null) {
            return "WildFly on Java " + System.getProperty("java.version");
        }
        return "unknown server on Java " + System.getProperty("java.version");
    }

    /** Roger's version, from its JAR's manifest. */
    static String version() {
        String v = NodeDescription.class.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }

    static RunningJobInfo running(RunningJob r, String node, Instant now) {
        Job job = r.job();
        Instant started = job.startedAt().orElse(now);
        return new RunningJobInfo(job.id(), job.type(), r.partition(), job.queue().orElse(null), node, started,
                Duration.between(started, now).isNegative() ? Duration.ZERO : Duration.between(started, now),
                job.retryCount());
    }

    static List<RunningJobInfo> running(List<RunningJob> jobs, String node, Instant now) {
        return jobs.stream().map(r -> running(r, node, now)).sorted(Comparator.comparing(RunningJobInfo::startedAt))
                .toList();
    }
}
