package dev.roger.it.invalid;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.it.support.Deployments;
import dev.roger.it.support.PayaraMicro;
import dev.roger.it.support.PayaraProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Invalid activation config fails the application's deployment, with a message that names the
 * property, the value and the bean. One Payara node deploys all four broken applications.
 */
class InvalidConfigIT {

    @Test
    void badPartitionsZeroWorkersAndConflictsFailTheDeployment() throws Exception {
        Path zero = PayaraMicro.export(Deployments.war("inv-zero", ZeroWorkersBean.class));
        Path syntax = PayaraMicro.export(Deployments.war("inv-syntax", BadSyntaxBean.class));
        Path conflict = PayaraMicro.export(Deployments.war("inv-conflict", ConflictTenBean.class, ConflictFiveBean.class));
        Path cron = PayaraMicro.export(Deployments.war("inv-cron", BadCronBean.class));

        try (PayaraProcess node = PayaraProcess.start("invalid", zero, syntax, conflict, cron)) {
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
            assertTrue(log.contains("Invalid Roger activation config of message-driven bean " + BadCronBean.class.getName()
                    + ": @RogerJob(cron = \"every five minutes\", zone = \"\"): invalid cron expression \"every five minutes\""),
                    "cron message");
            for (String app : new String[] {"inv-zero", "inv-syntax", "inv-conflict", "inv-cron"}) {
                assertFalse(log.contains(app + " was successfully deployed"), app + " must not deploy");
            }
        }
    }
}
