package dev.roger.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerJob;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivationConfigTest {

    static class SendMail {
    }

    @RogerJob(type = "invoice", queue = "billing")
    static class InvoiceBean {
    }

    private static ActivationConfig resolve(String type, String queue, String partitions, Class<?> bean) {
        return ActivationConfig.resolve(type, queue, partitions, bean, "default", 10);
    }

    @Test
    void nothingConfiguredMeansClassNameDefaultQueueAndTheDefaultPartition() {
        ActivationConfig c = resolve(null, null, null, SendMail.class);
        assertEquals("SendMail", c.jobType());
        assertEquals("default", c.queue());
        assertEquals(List.of(PartitionSpec.parse("default[default=10]")), c.effectivePartitions());
    }

    @Test
    void annotationGivesTypeAndQueueAndPropertiesWin() {
        ActivationConfig annotated = resolve(null, " ", "", InvoiceBean.class);
        assertEquals("invoice", annotated.jobType());
        assertEquals("billing", annotated.queue());
        assertEquals(List.of(PartitionSpec.parse("default[billing=10]")), annotated.effectivePartitions());

        ActivationConfig overridden = resolve("invoice-v2", "slow", "a[slow=2]; b", InvoiceBean.class);
        assertEquals("invoice-v2", overridden.jobType());
        assertEquals("slow", overridden.queue());
        assertEquals(List.of(PartitionSpec.parse("a[slow=2]"), PartitionSpec.parse("b[default=10]")),
                overridden.effectivePartitions());
    }

    @Test
    void everyInvalidPropertyIsReportedWithTheBeanAndTheValue() {
        InvalidActivationException e = assertThrows(InvalidActivationException.class,
                () -> resolve("ok", "bad-queue", "myapp[default=0]", SendMail.class));
        String m = e.getMessage();
        assertTrue(m.contains("message-driven bean " + SendMail.class.getName()), m);
        assertTrue(m.contains("property 'queue' = 'bad-queue'"), m);
        assertTrue(m.contains("property 'partitions' = 'myapp[default=0]'"), m);
        assertTrue(m.contains("must be at least 1"), m);
    }

    @Test
    void badPartitionSpecsFail() {
        for (String bad : List.of("myapp[default=-1]", "myapp[default=x]", "myapp[", "[default=1]", ";;", "a b[x=1]")) {
            InvalidActivationException e = assertThrows(InvalidActivationException.class,
                    () -> resolve(null, null, bad, SendMail.class), bad);
            assertTrue(e.getMessage().contains("property 'partitions' = '" + bad + "'"), e.getMessage());
        }
    }

    @dev.roger.api.RogerJob(type = "clean.up", cron = "0 0/5 * * * *", zone = "Europe/Amsterdam",
            misfire = dev.roger.api.RecurringJob.Misfire.SKIP)
    static final class CronBean {
    }

    @dev.roger.api.RogerJob(cron = "0 0 * * *", zone = "Mars/Base")
    static final class BadCronBean {
    }

    @Test
    void aCronOnTheBeanBecomesARecurringJobNamedAfterItsType() {
        ActivationConfig c = resolve(null, null, "a; b", CronBean.class);
        dev.roger.api.RecurringJob job = c.recurring().orElseThrow();
        assertEquals("clean_up", job.name(), "'.' is not allowed in a name");
        assertEquals("clean.up", job.type());
        assertEquals("0 0/5 * * * *", job.cron());
        assertEquals(java.time.ZoneId.of("Europe/Amsterdam"), job.zone());
        assertEquals(dev.roger.api.RecurringJob.Misfire.SKIP, job.misfire());
        assertTrue(resolve(null, null, null, SendMail.class).recurring().isEmpty());
    }

    @Test
    void anInvalidCronOrZoneFailsNamingTheBean() {
        InvalidActivationException e = assertThrows(InvalidActivationException.class,
                () -> resolve(null, null, null, BadCronBean.class));
        assertTrue(e.getMessage().contains("message-driven bean " + BadCronBean.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("@RogerJob(cron = \"0 0 * * *\", zone = \"Mars/Base\")"), e.getMessage());
    }
}
