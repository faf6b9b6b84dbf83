package dev.roger.it.invalid;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.it.support.Deployments;
import dev.roger.it.support.PayaraMicro;
import dev.roger.it.support.PayaraProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Invalid activation config fails the application's deployment, with a message that names the
 * property, the value and the bean. One Payara node deploys all three broken applications.
 */
class InvalidConfigIT {

    private static Path export(WebArchive war) throws Exception {
        Path dir = Files.createDirectories(PayaraMicro.dir().resolve("wars"));
        Path file = dir.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    @Test
    void badPartitionsZeroWorkersAndConflictsFailTheDeployment() throws Exception {
        Path zero = export(Deployments.war("inv-zero", ZeroWorkersBean.class));
        Path syntax = export(Deployments.war("inv-syntax", BadSyntaxBean.class));
        Path conflict = export(Deployments.war("inv-conflict", ConflictTenBean.class, ConflictFiveBean.class));

        try (PayaraProcess node = PayaraProcess.start("invalid", zero, syntax, conflict)) {
            String log = node.log();
            assertTrue(log.contains("Invalid Roger activation config of message-driven bean " + ZeroWorkersBean.class.getName()
                    + ": property 'partitions' = 'inv_zero[default=0]': Invalid worker count 0 for queue 'default' of "
                    + "partition 'inv_zero': must be at least 1"), "zero workers message in " + node);
            assertTrue(log.contains("Invalid Roger activation config of message-driven bean " + BadSyntaxBean.class.getName()
                    + ": property 'partitions' = 'inv_syntax[default=ten': Invalid partition spec"), "syntax message");
            assertTrue(log.matches("(?s).*Invalid Roger activation config of message-driven bean "
                    + "dev\\.roger\\.it\\.invalid\\.Conflict(Ten|Five)Bean: property 'partitions' = 'inv_conflict\\[default=(10|5)\\]' "
                    + "gives queue 'default' of partition 'inv_conflict' (10|5) workers, but message-driven bean "
                    + "dev\\.roger\\.it\\.invalid\\.Conflict(Ten|Five)Bean gives it (10|5).*"), "conflict message");
            for (String app : new String[] {"inv-zero", "inv-syntax", "inv-conflict"}) {
                assertFalse(log.contains(app + " was successfully deployed"), app + " must not deploy");
            }
        }
    }
}
