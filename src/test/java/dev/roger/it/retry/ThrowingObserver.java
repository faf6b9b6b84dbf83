package dev.roger.it.retry;

import dev.roger.api.event.JobError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Throws from its observer of {@link JobError} for jobs of type {@code rt-observed} only. */
@ApplicationScoped
public class ThrowingObserver {

    void onError(@Observes JobError error) {
        if ("rt-observed".equals(error.job().type())) {
            throw new IllegalStateException("observer fails on purpose for " + error.job().id());
        }
    }
}
