package dev.roger.it.rollback;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.it.support.Deployments;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bean whose container transaction rolls back at commit returned normally, but nothing it did
 * was kept: Roger counts the job as failed (buried here, as the type is not retryable) instead of
 * acknowledging it as done.
 */
@ExtendWith(ArquillianExtension.class)
class RollbackIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("rollback", RollbackOnlyBean.class, Returns.class);
    }

    @Inject
    RogerClient roger;

    @Inject
    Returns returns;

    @Test
    void aJobWhoseTransactionRollsBackIsAFailureNotASuccess() {
        Job rolledBack = roger.enqueue("rb", Job.builder("rollback-only").args("rollback").build());
        Job committed = roger.enqueue("rb", Job.builder("rollback-only").args("commit").build());

        Await.until("the committed job is done", WAIT, () -> returns.done(committed.id()));
        Await.until("the rolled-back job is buried", WAIT, () -> returns.buried(rolledBack.id()));
        assertTrue(returns.returned(rolledBack.id()), "its bean returned normally");
        assertFalse(returns.done(rolledBack.id()), "no AfterRun for a job whose work was rolled back");
        try (Broker broker = Broker.connect()) {
            List<GetResponse> buried = new ArrayList<>();
            Await.until("its buried copy", WAIT, () -> {
                if (broker.queue("rb-default.buried") != null) {
                    buried.addAll(broker.drain("rb-default.buried"));
                }
                return buried.stream().anyMatch(r -> rolledBack.id().equals(r.getProps().getMessageId()));
            });
            String reason = buried.stream().filter(r -> rolledBack.id().equals(r.getProps().getMessageId()))
                    .findFirst().orElseThrow().getProps().getHeaders().get("x-roger-reason").toString();
            assertTrue(reason.contains("rolled back the transaction"), reason);
        }
    }
}
