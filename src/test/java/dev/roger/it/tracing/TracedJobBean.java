package dev.roger.it.tracing;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import io.opentelemetry.api.trace.Span;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/** Records the span current in the bean; fails its first attempt when its args say "fail-once". */
@MessageDriven
@RogerJob(type = "tr-job", retryable = true, retryLevels = "1")
public class TracedJobBean implements RogerJobListener {

    @Inject
    Runs runs;

    @Override
    public void onJob(Job job) {
        runs.ran(job, Span.current().getSpanContext().getSpanId());
        if ("fail-once".equals(job.args(String.class)) && job.retryCount() == 0) {
            throw new IllegalStateException("first attempt fails");
        }
    }
}
